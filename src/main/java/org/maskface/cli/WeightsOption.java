package org.maskface.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.maskface.model.ModelHub;
import picocli.CommandLine.Option;

/** {@code --weights}: evaluate a trained model's other weights (e.g. an ablation run's) in place of the shipped ones. */
final class WeightsOption {
    @Option(names = "--weights", description = "A maskface weights file to use instead of the shipped one of the "
            + "same model (e.g. a student from an ablation run).")
    Path file;

    /** Points {@code hub} at the file, when one was given. */
    ModelHub applyTo(ModelHub hub) throws IOException {
        return file == null ? hub : hub.useWeights(file);
    }

    /** The option as it was given, for the command line recorded in a report. */
    String argument() {
        return file == null ? "" : " --weights " + file;
    }
}
