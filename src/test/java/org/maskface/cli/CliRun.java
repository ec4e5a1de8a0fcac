package org.maskface.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process, capturing exit code, stdout and stderr (for tests in any package). */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
