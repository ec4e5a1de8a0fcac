package org.maskface.mask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.NoFaceException;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/** The eight LFW sample faces, detected once per test run: aligned crop + landmarks in crop coordinates. */
final class SampleFaces {
    record Sample(String name, RgbImage crop, float[][] landmarks) {
    }

    private static List<Sample> cached;

    private SampleFaces() {
    }

    static synchronized List<Sample> all() {
        if (cached == null) {
            List<Sample> samples = new ArrayList<>();
            try (ModelHub hub = ModelHub.openDefault(); FacePipeline pipeline = new FacePipeline(hub);
                 Stream<Path> files = Files.list(Path.of("samples/faces"))) {
                for (Path p : files.filter(f -> f.getFileName().toString().startsWith("lfw_")).sorted().toList()) {
                    Face face = pipeline.largestFace(ImageLoader.load(p));
                    samples.add(new Sample(p.getFileName().toString(), face.aligned().crop(),
                            MaskSynthesizer.landmarksInCrop(face)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoFaceException e) {
                throw new AssertionError("a sample face was not detected: " + e.getMessage(), e);
            }
            cached = List.copyOf(samples);
        }
        return cached;
    }

    static Sample first() {
        return all().get(0);
    }
}
