package org.maskface.bench;

import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.maskface.face.FacePipeline;
import org.maskface.face.align.AlignedFace;
import org.maskface.face.align.Aligner;
import org.maskface.face.detect.FaceBox;
import org.maskface.face.detect.SsdDetectorTranslator;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.face.embed.Methods;
import org.maskface.face.embed.TeacherEmbedder;
import org.maskface.face.landmark.Landmark68Translator;
import org.maskface.face.landmark.LandmarkDetector;
import org.maskface.face.landmark.LandmarkRefiner;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.SsdMobileNetV1;

/**
 * Per-stage latency of the face pipeline in ms per face: detect, landmarks, align, embed (the
 * teacher; "embed deocc", "embed g2d", "embed meer"… are each trained method's whole embedding step), at
 * each requested PyTorch thread count and batch size. Each figure is the median (and p90) of
 * {@code runs} timed repetitions after {@code warmup} untimed ones; a batch-16 repetition pushes
 * 16 faces through at once and counts time / 16.
 */
public final class PipelineBench {

    public record Stat(String stage, int threads, int batch, double medianMs, double p90Ms, int runs) {
    }

    private final ModelHub hub;
    private final List<RgbImage> images;
    private final int warmup;
    private final int runs;

    public PipelineBench(ModelHub hub, List<RgbImage> images, int warmup, int runs) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("bench needs at least one image");
        }
        this.hub = hub;
        this.images = images;
        this.warmup = warmup;
        this.runs = runs;
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    public List<Stat> run(int[] threadCounts, int[] batchSizes) throws Exception {
        float[] anchors = SsdMobileNetV1.anchors(hub.weights(ModelCard.FACE_DETECTOR));
        List<Stat> stats = new ArrayList<>();
        try (Predictor<RgbImage, List<FaceBox>> detector =
                     hub.faceDetector().newPredictor(new SsdDetectorTranslator(anchors, 0.5, 100));
             Predictor<RgbImage, float[][]> landmarks = hub.landmarks68().newPredictor(new Landmark68Translator());
             TeacherEmbedder embedder = new TeacherEmbedder(hub);
             TrainedMethods trained = new TrainedMethods(hub);
             OcclusionEstimator occlusion = new OcclusionEstimator(hub);
             LandmarkRefiner refiner = new LandmarkRefiner(hub);
             FacePipeline basic = new FacePipeline(hub, FacePipeline.Options.BASIC);
             FacePipeline robust = new FacePipeline(hub, FacePipeline.Options.ROBUST)) {
            // Inputs of each stage come from the previous one, computed once up front.
            List<RgbImage> crops = new ArrayList<>();
            List<float[][]> points = new ArrayList<>();
            for (RgbImage img : images) {
                List<FaceBox> boxes = detector.predict(img);
                if (boxes.isEmpty()) {
                    throw new IllegalArgumentException("a bench image has no detectable face");
                }
                int[] r = LandmarkDetector.cropRect(boxes.get(0), img.width(), img.height());
                RgbImage crop = img.crop(r[0], r[1], r[2], r[3]);
                crops.add(crop);
                float[][] pts = landmarks.predict(crop);
                for (float[] p : pts) {
                    p[0] += r[0];
                    p[1] += r[1];
                }
                points.add(pts);
            }
            Aligner aligner = new Aligner();
            List<AlignedFace> aligned = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                aligned.add(aligner.align(images.get(i), points.get(i)));
            }
            for (int threads : threadCounts) {
                JniUtils.setNumThreads(threads);
                for (int batch : batchSizes) {
                    List<RgbImage> imgBatch = cycle(images, batch);
                    List<RgbImage> cropBatch = cycle(crops, batch);
                    List<AlignedFace> faceBatch = cycle(aligned, batch);
                    stats.add(time("detect", threads, batch, () -> predict(detector, imgBatch)));
                    stats.add(time("landmarks", threads, batch, () -> predict(landmarks, cropBatch)));
                    stats.add(time("embed", threads, batch, () -> {
                        if (batch == 1) {
                            embedder.embed(faceBatch.get(0));
                        } else {
                            embedder.embedAll(faceBatch);
                        }
                    }));
                    // each trained method's whole embedding step per face (deocc: occlusion map, inpainting of
                    // masked faces, student on face + mirror; g2d: occlusion map, encoder, reformer on face + mirror;
                    // meer: its own mask head and recognizer on face + mirror, no decoder)
                    for (FaceEmbedder method : trained.embedders) {
                        stats.add(time("embed " + trained.name(method), threads, batch, () -> method.embedAll(faceBatch)));
                    }
                    if (batch == 1) {
                        stats.add(time("occlusion", threads, 1, () -> occlusion.estimate(faceBatch.get(0))));
                        stats.add(time("refine landmarks", threads, 1, () -> refiner.refine(faceBatch.get(0))));
                        // whole front ends, image → aligned faces, over every bench image in turn
                        stats.add(time("front end, basic", threads, 1, () -> basic.faces(next(images))));
                        stats.add(time("front end, robust", threads, 1, () -> robust.faces(next(images))));
                    }
                }
            }
            // Alignment is plain Java on one thread: thread count and batch do not apply.
            List<float[][]> pts1 = cycle(points, 1);
            stats.add(time("align", 1, 1, () -> aligner.align(images.get(0), pts1.get(0))));
        }
        return stats;
    }

    /** Every method of {@link Methods} but the teacher, open for the bench's duration. */
    private static final class TrainedMethods implements AutoCloseable {
        final List<FaceEmbedder> embedders = new ArrayList<>();
        final List<String> names = new ArrayList<>();

        TrainedMethods(ModelHub hub) {
            for (String name : Methods.names()) {
                if (!name.equals(Methods.DEFAULT)) {
                    names.add(name);
                    embedders.add(Methods.open(name, hub));
                }
            }
        }

        String name(FaceEmbedder e) {
            return names.get(embedders.indexOf(e));
        }

        @Override
        public void close() {
            embedders.forEach(FaceEmbedder::close);
        }
    }

    private static <I, O> void predict(Predictor<I, O> p, List<I> batch) throws TranslateException {
        if (batch.size() == 1) {
            p.predict(batch.get(0));
        } else {
            p.batchPredict(batch);
        }
    }

    private int turn;

    /** The bench images one after another, so a whole-pipeline stage sees all of them. */
    private RgbImage next(List<RgbImage> images) {
        return images.get(turn++ % images.size());
    }

    private static <T> List<T> cycle(List<T> items, int n) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(items.get(i % items.size()));
        }
        return out;
    }

    private Stat time(String stage, int threads, int batch, Work work) throws Exception {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6 / batch;
        }
        Arrays.sort(ms);
        return new Stat(stage, threads, batch, percentile(ms, 0.5), percentile(ms, 0.9), runs);
    }

    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    public static JsonArray toJson(List<Stat> stats) {
        JsonArray a = new JsonArray();
        for (Stat s : stats) {
            JsonObject o = new JsonObject();
            o.addProperty("stage", s.stage());
            o.addProperty("threads", s.threads());
            o.addProperty("batch", s.batch());
            o.addProperty("medianMsPerFace", Math.round(s.medianMs() * 1000) / 1000.0);
            o.addProperty("p90MsPerFace", Math.round(s.p90Ms() * 1000) / 1000.0);
            o.addProperty("runs", s.runs());
            a.add(o);
        }
        return a;
    }
}
