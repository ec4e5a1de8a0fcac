package org.maskface.cli;

import java.io.PrintWriter;
import org.maskface.face.NoFaceException;
import org.maskface.gallery.GalleryException;
import org.maskface.image.BadImageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code maskface} command line. Every subcommand returns its exit code (see {@link ExitCode}). */
@Command(name = "maskface", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Masked face recognition for the JVM.",
        subcommands = {DemoCommand.class, DetectCommand.class, AlignCommand.class, EmbedCommand.class, VerifyCommand.class,
            EnrollCommand.class, IdentifyCommand.class, SubjectsCommand.class, ForgetCommand.class, CompactCommand.class, ServeCommand.class,
            EvalCommand.class, BenchCommand.class, MaskCommand.class, OcclusionCommand.class, DeoccludeCommand.class, TrainCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        useStderr(System.getProperty("maskface.stderr"));
        System.exit(run(args));
    }

    /**
     * Sends Java's stderr to {@code path} (on a terminal the launcher passes a copy of it, while
     * file descriptor 2 goes through a filter that drops the native libraries' warnings: see
     * tools/quiet-jvm/bin/java). Opened for appending, so a stderr redirected to a file is not truncated.
     */
    private static void useStderr(String path) {
        if (path == null || path.isBlank()) {
            return;
        }
        try {
            System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(path, true), true,
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | SecurityException e) {
            // stderr stays fd 2: everything still shows, only less filtered
        }
    }

    /** Runs the CLI and returns the exit code instead of exiting (for tests). */
    public static int run(String... args) {
        return newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable cause = ex;
            while (cause.getCause() != null && !(cause instanceof BadImageException)
                    && !(cause instanceof NoFaceException) && !(cause instanceof GalleryException)) {
                cause = cause.getCause();
            }
            PrintWriter e = cmd.getErr();
            if (cause instanceof BadImageException) {
                e.println("maskface: " + cause.getMessage());
                return ExitCode.BAD_INPUT;
            }
            if (cause instanceof GalleryException) {
                e.println("maskface: " + cause.getMessage());
                return ExitCode.BAD_INPUT;
            }
            if (cause instanceof NoFaceException) {
                e.println("maskface: " + cause.getMessage());
                return ExitCode.NO_FACE;
            }
            e.println("maskface: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            if (System.getenv("MASKFACE_DEBUG") != null) {
                ex.printStackTrace(e);
            }
            return ExitCode.ERROR;
        });
        return cli;
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"maskface " + (v == null ? "dev" : v)};
        }
    }
}
