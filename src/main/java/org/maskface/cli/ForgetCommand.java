package org.maskface.cli;

import java.util.concurrent.Callable;
import org.maskface.gallery.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "forget", mixinStandardHelpOptions = true, description = {
    "Remove a subject and all its faces from the gallery (on disk when the command returns).",
    "Exit 0 removed; 2 no such subject."})
final class ForgetCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Gallery g = gallery.openExisting(Gallery.Access.READ_WRITE)) {
            int removed = g.forget(name);
            if (removed == 0) {
                spec.commandLine().getErr().println("maskface: no subject '" + Gallery.subjectName(name) + "' in " + g.dir());
                return ExitCode.BAD_INPUT;
            }
            spec.commandLine().getOut().printf("forgot %s (%d face%s)%n", Gallery.subjectName(name), removed,
                    removed == 1 ? "" : "s");
            return ExitCode.OK;
        }
    }
}
