package org.maskface.cli;

import org.maskface.api.FaceJson;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.face.embed.FaceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true, description = {
    "Decide whether two images show the same person (largest face of each).",
    "Exit 0 with the verdict printed; 2 bad input; 3 no face in one of them."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMG_A")
    Path a;

    @Parameters(index = "1", paramLabel = "IMG_B")
    Path b;

    @Mixin
    MethodOption method;

    @Option(names = "--threshold", converter = CosineThreshold.class, description = "Cosine similarity above which "
            + "the faces are the same person, in [-1, 1] (default: the method's threshold measured on LFW).")
    Double threshold;

    /** A cosine similarity lies in [-1, 1]: any other threshold would decide every pair the same way. */
    static final class CosineThreshold implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double t;
            try {
                t = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a number");
            }
            if (!(t >= -1 && t <= 1)) {
                throw new picocli.CommandLine.TypeConversionException("a cosine threshold lies in [-1, 1], got " + value);
            }
            return t;
        }
    }

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Session s = new Session()) {
            Face fa = s.largestFace(a);
            Face fb = s.largestFace(b);
            FaceEmbedder embedder = s.embedder(method.name);
            double similarity = FaceEmbedder.similarity(embedder.embed(fa.aligned()), embedder.embed(fb.aligned()));
            double t = threshold != null ? threshold : embedder.threshold();
            boolean same = similarity > t;
            var out = spec.commandLine().getOut();
            if (json.enabled) {
                JsonObject o = new JsonObject();
                o.addProperty("imageA", a.toString());
                o.addProperty("imageB", b.toString());
                o.addProperty("method", method.name);
                o.addProperty("model", embedder.model().tag());
                o.addProperty("similarity", FaceJson.round(similarity, 6));
                o.addProperty("threshold", t);
                o.addProperty("same", same);
                o.add("boxA", FaceJson.box(fa.box()));
                o.add("boxB", FaceJson.box(fb.box()));
                out.println(FaceJson.pretty(o));
            } else {
                out.printf("%s  %s  similarity %.4f  threshold %.4f  %s%n", a, b, similarity, t,
                        same ? "SAME person" : "DIFFERENT people");
            }
            return ExitCode.OK;
        }
    }
}
