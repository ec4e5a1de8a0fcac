package org.maskface.cli;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.Callable;
import org.maskface.api.FaceJson;
import org.maskface.gallery.Gallery;
import org.maskface.gallery.Subject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "subjects", mixinStandardHelpOptions = true,
        description = "List the enrolled subjects with their face counts (and which model made the gallery).")
final class SubjectsCommand implements Callable<Integer> {

    @Mixin
    GalleryOptions gallery;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Gallery g = gallery.openExisting(Gallery.Access.READ_ONLY)) {
            List<Subject> subjects = g.subjects();
            var out = spec.commandLine().getOut();
            if (json.enabled) {
                JsonObject o = FaceJson.subjects(g.info(), subjects, g.faceCount());
                o.getAsJsonObject("gallery").addProperty("dir", g.dir().toString());
                out.println(FaceJson.pretty(o));
            } else {
                out.printf("gallery %s: method %s, model %s, %d subject(s), %d face(s)%n", g.dir(), g.info().method(),
                        g.info().model(), subjects.size(), g.faceCount());
                for (Subject s : subjects) {
                    out.printf("  %-40s %d%n", s.name(), s.faces());
                }
            }
            return ExitCode.OK;
        }
    }
}
