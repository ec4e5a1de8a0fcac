package org.maskface.cli;

import org.maskface.api.FaceJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "detect", mixinStandardHelpOptions = true, description = "Find faces and their 68 landmarks. Exit 3 when there is none.")
final class DetectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMG", description = "Image file (JPEG, PNG, GIF, BMP, PGM).")
    Path image;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Session s = new Session()) {
            RgbImage img = Session.load(image);
            List<Face> faces = s.pipeline().faces(img);
            var out = spec.commandLine().getOut();
            if (json.enabled) {
                JsonObject o = new JsonObject();
                o.addProperty("image", image.toString());
                o.addProperty("width", img.width());
                o.addProperty("height", img.height());
                JsonArray arr = new JsonArray();
                faces.forEach(f -> arr.add(FaceJson.face(f)));
                o.add("faces", arr);
                out.println(FaceJson.pretty(o));
            } else {
                out.printf("%s: %dx%d, %d face(s)%n", image, img.width(), img.height(), faces.size());
                for (int i = 0; i < faces.size(); i++) {
                    Face f = faces.get(i);
                    out.printf("  face %d: box x=%.1f y=%.1f w=%.1f h=%.1f score=%.3f%s%n", i + 1, f.box().x(),
                            f.box().y(), f.box().width(), f.box().height(), f.box().score(),
                            f.searchPadding() > 0 ? " (found after padding the image)" : "");
                }
            }
            if (faces.isEmpty()) {
                spec.commandLine().getErr().println("maskface: " + image + ": no face found");
                return ExitCode.NO_FACE;
            }
            return ExitCode.OK;
        }
    }
}
