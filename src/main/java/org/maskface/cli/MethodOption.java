package org.maskface.cli;

import picocli.CommandLine.Option;

/** {@code --method}, shared by every command that embeds faces. */
final class MethodOption {
    @Option(names = "--method", defaultValue = "teacher",
            description = "Recognition method (default: ${DEFAULT-VALUE}).")
    String name;
}
