package org.maskface.cli;

import java.nio.file.Path;
import org.maskface.face.FacePipeline;
import picocli.CommandLine.Option;

/** {@code --workers} and {@code --out}, shared by the evaluation commands. */
final class BatchOptions {

    @Option(names = "--workers", description = "Parallel workers, one PyTorch thread each (default: cores).")
    Integer workers;

    @Option(names = "--out", defaultValue = "docs/results", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The front ends a command can run with (picocli lists and checks the names). */
    enum FrontEnd {
        robust(FacePipeline.Options.ROBUST),
        basic(FacePipeline.Options.BASIC);

        final FacePipeline.Options options;

        FrontEnd(FacePipeline.Options options) {
            this.options = options;
        }
    }

    @Option(names = "--front-end", defaultValue = "robust", description = {
        "Front end: ${COMPLETION-CANDIDATES}. robust: padded passes, weak boxes, refined landmarks on masked",
        "faces; basic: one padded retry and face-api's landmarks (maskface before masks were handled).",
        "Default: ${DEFAULT-VALUE}."})
    FrontEnd frontEnd;

    FacePipeline.Options frontEnd() {
        return frontEnd.options;
    }

    /** The option as it goes into a report's command line (empty for the default). */
    String frontEndArgument() {
        return frontEnd == FrontEnd.robust ? "" : " --front-end " + frontEnd;
    }

    /** The worker count, after fixing PyTorch to one intra-op thread per worker. */
    int workers() {
        Runtime.threads(1);
        return workers != null ? workers : Runtime.cores();
    }
}
