package org.maskface.cli;

import org.maskface.api.FaceJson;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.face.embed.FaceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "embed", mixinStandardHelpOptions = true, description = "Print the embedding of the largest face.")
final class EmbedCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMG", description = "Image file.")
    Path image;

    @Mixin
    MethodOption method;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Session s = new Session()) {
            Face face = s.largestFace(image);
            FaceEmbedder embedder = s.embedder(method.name);
            float[] v = embedder.embed(face.aligned());
            var out = spec.commandLine().getOut();
            if (json.enabled) {
                JsonObject o = new JsonObject();
                o.addProperty("image", image.toString());
                o.addProperty("method", method.name);
                o.addProperty("model", embedder.model().tag());
                o.add("box", FaceJson.box(face.box()));
                o.addProperty("dimension", v.length);
                o.add("embedding", FaceJson.vector(v));
                out.println(FaceJson.pretty(o));
            } else {
                StringBuilder sb = new StringBuilder();
                for (float x : v) {
                    sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.6f", x));
                }
                out.printf("%s %s %d %s%n", image, embedder.model().tag(), v.length, sb);
            }
            return ExitCode.OK;
        }
    }
}
