package org.maskface.eval;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.maskface.eval.IdentificationProtocol.Sample;
import org.maskface.face.FacePipeline;
import org.maskface.model.ModelHub;

/**
 * Identification on a folder-per-identity set: per identity, the first {@code galleryPerIdentity}
 * images (by file name) enrol the gallery and the others are probes; identities with no probe
 * stay in the gallery as distractors. Probes may be transformed (e.g. masked) before the pipeline.
 */
public final class IdentificationBenchmark {

    public record Config(Path root, String method, int galleryPerIdentity, int workers, boolean wholeImageFallback,
                         String variant, ImageEmbeddings.ImageTransform probeTransform, FacePipeline.Options frontEnd) {
    }

    private IdentificationBenchmark() {
    }

    /** Identity folders → sorted image files (.jpg, .jpeg, .png, .pgm, .gif, .bmp). */
    static Map<String, List<Path>> scan(Path root) throws IOException {
        Map<String, List<Path>> ids = new java.util.TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    List<Path> images = files.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png|pgm|gif|bmp)$"))
                            .sorted().toList();
                    if (!images.isEmpty()) {
                        ids.put(d.getFileName().toString(), images);
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            throw new IOException(root + ": no identity folders with images");
        }
        return ids;
    }

    public static JsonObject run(Config c, ModelHub hub, String commandLine) throws Exception {
        String gitCommit = VerificationReport.detectGitCommit(Path.of(".")); // before the long run, see LfwBenchmark
        Map<String, List<Path>> ids = scan(c.root());
        List<Path> galleryFiles = new ArrayList<>();
        List<Path> probeFiles = new ArrayList<>();
        Map<Path, String> identityOf = new java.util.HashMap<>();
        ids.forEach((id, files) -> {
            for (int i = 0; i < files.size(); i++) {
                (i < c.galleryPerIdentity() ? galleryFiles : probeFiles).add(files.get(i));
                identityOf.put(files.get(i), id);
            }
        });
        var gallery = ImageEmbeddings.embed(galleryFiles, hub, c.method(), c.workers(), c.wholeImageFallback(),
                ImageEmbeddings.ImageTransform.NONE, true, c.frontEnd());
        var probes = ImageEmbeddings.embed(probeFiles, hub, c.method(), c.workers(), c.wholeImageFallback(),
                c.probeTransform(), true, c.frontEnd());
        List<Sample> g = new ArrayList<>();
        gallery.forEach((p, e) -> {
            if (e.embedding() != null) {
                g.add(new Sample(identityOf.get(p), e.embedding()));
            }
        });
        java.util.Set<String> enrolled = new java.util.HashSet<>();
        g.forEach(s -> enrolled.add(s.identity()));
        List<Sample> pr = new ArrayList<>();
        int failedProbes = 0;
        for (Path p : probeFiles) {
            var e = probes.get(p);
            if (e.embedding() == null || !enrolled.contains(identityOf.get(p))) {
                failedProbes++;
            } else {
                pr.add(new Sample(identityOf.get(p), e.embedding()));
            }
        }
        var result = IdentificationProtocol.evaluate(g, pr, 1, 5);
        JsonObject o = new JsonObject();
        o.addProperty("benchmark", "identify-" + c.root().getFileName());
        o.addProperty("variant", c.variant());
        o.addProperty("method", c.method());
        o.addProperty("frontEnd", c.frontEnd().describe());
        o.addProperty("rank1", result.rank(1));
        o.addProperty("rank5", result.rank(5));
        o.addProperty("probes", result.probes());
        o.addProperty("probesLeftOut", failedProbes);
        o.addProperty("galleryIdentities", result.galleryIdentities());
        o.addProperty("gallerySamples", result.gallerySamples());
        o.addProperty("galleryPerIdentity", c.galleryPerIdentity());
        JsonObject faces = new JsonObject();
        for (var src : ImageEmbeddings.Source.values()) {
            long n = Stream.concat(gallery.values().stream(), probes.values().stream()).filter(e -> e.source() == src).count();
            faces.addProperty(src.name().toLowerCase(), n);
        }
        o.add("faces", faces);
        o.addProperty("command", commandLine);
        o.addProperty("gitCommit", gitCommit);
        o.addProperty("machine", VerificationReport.describeMachine());
        return o;
    }
}
