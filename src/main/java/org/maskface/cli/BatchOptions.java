package org.maskface.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --workers} and {@code --out}, shared by the evaluation commands. */
final class BatchOptions {

    @Option(names = "--workers", description = "Parallel workers, one PyTorch thread each (default: cores).")
    Integer workers;

    @Option(names = "--out", defaultValue = "docs/results", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The worker count, after fixing PyTorch to one intra-op thread per worker. */
    int workers() {
        Runtime.threads(1);
        return workers != null ? workers : Runtime.cores();
    }
}
