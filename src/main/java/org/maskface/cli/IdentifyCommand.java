package org.maskface.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.maskface.api.FaceJson;
import org.maskface.gallery.Gallery;
import org.maskface.gallery.Match;
import org.maskface.gallery.Recognizer;
import org.maskface.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "identify", mixinStandardHelpOptions = true, description = {
    "Who is in the photo: every face against the gallery, with its top subjects and similarities.",
    "A face is named when its best similarity exceeds the method's threshold, else it is unknown.",
    "Exit 0 with the answer printed; 2 bad input; 3 no face."})
final class IdentifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMG")
    Path image;

    @Option(names = "--top", defaultValue = "5", description = "Subjects listed per face (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1");
        }
        try (Session s = new Session()) {
            Recognizer recognizer = s.recognizer(gallery.method.name);
            RgbImage img = Session.load(image);
            try (Gallery g = gallery.open(recognizer, Gallery.Access.READ_ONLY)) {
                List<Recognizer.Recognized> faces;
                try {
                    faces = recognizer.recognize(img, g, top);
                } catch (org.maskface.face.NoFaceException e) {
                    throw new org.maskface.face.NoFaceException(image + ": " + e.getMessage());
                }
                var out = spec.commandLine().getOut();
                if (json.enabled) {
                    JsonObject o = new JsonObject();
                    o.addProperty("image", image.toString());
                    o.add("gallery", FaceJson.gallery(g.info(), g.subjects().size(), g.faceCount()));
                    o.addProperty("threshold", recognizer.embedder().threshold());
                    JsonArray arr = new JsonArray();
                    faces.forEach(r -> arr.add(FaceJson.recognized(r)));
                    o.add("faces", arr);
                    out.println(FaceJson.pretty(o));
                } else {
                    out.printf("%s: %d face(s); gallery %s (%d faces), threshold %.4f%n", image, faces.size(), g.dir(),
                            g.faceCount(), recognizer.embedder().threshold());
                    for (int i = 0; i < faces.size(); i++) {
                        Recognizer.Recognized r = faces.get(i);
                        Match id = r.identity();
                        out.printf("  face %d at x=%.0f y=%.0f w=%.0f h=%.0f%s: %s%n", i + 1, r.face().box().x(),
                                r.face().box().y(), r.face().box().width(), r.face().box().height(),
                                r.face().masked() ? " (masked)" : "",
                                id == null ? "unknown" : id.subject() + String.format(" (%.4f)", id.similarity()));
                        for (Match m : r.matches()) {
                            out.printf("      %-30s %.4f%n", m.subject(), m.similarity());
                        }
                    }
                }
            }
            return ExitCode.OK;
        }
    }
}
