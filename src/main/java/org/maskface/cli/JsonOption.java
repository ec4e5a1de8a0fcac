package org.maskface.cli;

import picocli.CommandLine.Option;

/** {@code --json}, shared by the commands that print results. */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON.")
    boolean enabled;
}
