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
        System.exit(run(args));
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
