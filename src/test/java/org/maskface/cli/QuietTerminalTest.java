package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real command, started by the real launcher ({@code ./maskface}, on the compiled classes),
 * prints only maskface's own lines: the native libraries' warnings (PyTorch's c10 log lines, e.g.
 * NNPACK's "Unsupported hardware" on some CPUs) are kept out of the terminal unless
 * {@code MASKFACE_DEBUG} is set.
 */
class QuietTerminalTest {

    /** c10's log line: severity letter, date, time, source file and line, e.g. "[W1208 00:30:28.6 X.h:74] ". */
    private static final Pattern NATIVE_LINE = Pattern.compile("\\[[WIEF]\\d{4} [\\d:.]+ [^]]*\\] ");

    record Result(int code, String out, String err) {
    }

    @Test
    void theDemoPrintsNothingButItsOwnLines(@TempDir Path dir) throws Exception {
        Result r = launch(dir, false, "demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("8/8 pairs decided correctly"), r.out());
        assertEquals("", r.err(), "stderr of a successful demo");
        for (String line : r.out().split("\n")) {
            assertTrue(!line.contains("\u001b["), "colour codes: " + line);
        }
    }

    @Test
    void aMaskedFolderShowsItsProgressBarButNoNativeLine(@TempDir Path dir) throws Exception {
        Result r = launch(dir, false, "mask", "samples/faces", dir.resolve("masked").toString(), "--glob", "lfw_c*");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("mask 100%"), "the progress bar goes to stderr: " + r.err());
        assertTrue(!NATIVE_LINE.matcher(r.err()).find(), r.err());
    }

    @Test
    void stdoutAndStderrIntoOneFileKeepEveryLineInOrder(@TempDir Path dir) throws Exception {
        // `./maskface ... > log 2>&1`: one file, two streams; neither may overwrite the other
        Path log = dir.resolve("log.txt");
        String face = Path.of("samples/faces/lfw_colin_powell_0095.png").toAbsolutePath().toString();
        Result r = launch(dir, false, "bash", "-c", "./maskface enroll 'Colin Powell' missing.png " + face
                + " --gallery " + dir.resolve("g") + " > " + log + " 2>&1");
        assertEquals(2, r.code(), r.err());
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).equals("maskface: missing.png: file not found (skipped)"), lines.toString());
        assertTrue(lines.get(1).startsWith("enrolled Colin Powell from "), lines.toString());
    }

    @Test
    void withMaskfaceDebugTheNativeWarningsShow(@TempDir Path dir) throws Exception {
        // the control: the same command does meet native warnings, and the filter is what hides them
        Result r = launch(dir, true, "demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(NATIVE_LINE.matcher(r.err()).find(), "no native line with MASKFACE_DEBUG=1: " + r.err());
    }

    private static Result launch(Path dir, boolean debug, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        if (!args[0].equals("bash")) {
            command.add("./maskface");
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        var env = pb.environment();
        env.put("MASKFACE_CLASSPATH", System.getProperty("java.class.path"));
        env.put("MASKFACE_JAVA_OPTS", "-Xmx1g -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1");
        env.remove("MASKFACE_DEBUG");
        if (debug) {
            env.put("MASKFACE_DEBUG", "1");
        }
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./maskface " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
