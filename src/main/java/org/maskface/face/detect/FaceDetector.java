package org.maskface.face.detect;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import org.maskface.model.ModelHub;
import org.maskface.nn.SsdMobileNetV1;

/**
 * Finds faces with the SSD detector, and does not give up on tight crops and masked faces. SSD
 * was trained on faces with context around them: it misses about half of LFW's tight 150×150
 * crops, and a mask over the lower face drops most scores below face-api's 0.5. So the search
 * goes in passes: the plain image, then copies border-padded (replicated pixels) by each of
 * {@link Search#paddings()} of the longer side, which shrink the face within the network's
 * input; the first pass with a confident box ({@code ≥ minConfidence}) ends the search. When no
 * pass has one, the single best box of the padded passes at or above {@code weakConfidence} is
 * taken: a masked face is one face, and a face-free photo gets at most one false box. Weak boxes
 * of the plain pass are never taken: on face-free photos that is where textures score (flowers
 * reach 0.3–0.47), while padding shrinks them along with everything else. Nor are weak boxes
 * lying mostly in the padding ({@link #WEAK_MIN_INSIDE}): the replicated border is not the
 * photo. Boxes are mapped back into the original image. One instance per thread.
 */
public final class FaceDetector implements AutoCloseable {

    /**
     * How hard to look.
     *
     * @param minConfidence  a box this confident ends the search
     * @param weakConfidence the lowest score taken (from a padded pass) when no pass finds a confident box
     * @param paddings       replicate padding of each retry pass, as a fraction of the longer side
     */
    public record Search(double minConfidence, double weakConfidence, double... paddings) {

        /**
         * The default: plain, then padded by 0.33, 0.6 and 1.0 of the longer side; weak boxes
         * down to 0.25 (chosen on masked LFW faces of folds 6–10 and face-free photo tiles: see
         * docs/results/detection-masked.json).
         */
        public static final Search ROBUST = new Search(0.5, 0.25, 0.33, 0.6, 1.0);
        /** maskface before masks were handled (one padded retry, face-api's threshold). */
        public static final Search PADDED_ONCE = new Search(0.5, 0.5, 0.33);
        /** face-api's own behaviour: one pass at 0.5. */
        public static final Search PLAIN = new Search(0.5, 0.5);

        public Search {
            if (!(weakConfidence > 0 && weakConfidence <= minConfidence && minConfidence < 1)) {
                throw new IllegalArgumentException("need 0 < weakConfidence <= minConfidence < 1, got "
                        + weakConfidence + ", " + minConfidence);
            }
            paddings = paddings.clone();
            for (double p : paddings) {
                if (!(p > 0 && p <= 2)) {
                    throw new IllegalArgumentException("padding must be in (0, 2], got " + p);
                }
            }
        }

        @Override
        public double[] paddings() {
            return paddings.clone();
        }

        /** Whether a box with this score ends the search (else it is at most a weak box). */
        public boolean isConfident(double score) {
            return score >= minConfidence;
        }

        /**
         * For reports, e.g. "minConfidence 0.5, weak 0.25 (padded passes, &gt;= 60 % inside), padded
         * passes [0.33, 0.6, 1.0]".
         */
        public String describe() {
            String weak = weakConfidence < minConfidence ? ", weak " + weakConfidence + " (padded passes, >= "
                    + Math.round(WEAK_MIN_INSIDE * 100) + " % inside)" : "";
            return "minConfidence " + minConfidence + weak + ", padded passes " + java.util.Arrays.toString(paddings);
        }
    }

    /** The least fraction of a weak box that must lie inside the original image. */
    public static final double WEAK_MIN_INSIDE = 0.6;

    private final Predictor<RgbImage, List<FaceBox>> predictor;
    private final Search search;

    /**
     * A detection plus the image it was found in: the image itself, or for a retry a padded copy,
     * shrunk by {@code scale} when the padded canvas would be large. A point p of the image is at
     * p · scale + offset in {@code searched}.
     */
    public record Found(FaceBox box, RgbImage searched, int offset, double scale) {
        /** The box in the searched image's pixels. */
        public FaceBox boxInSearched() {
            return box.transform(scale, offset, offset);
        }

        /** The padding of the search, in the image's pixels (0 for the plain pass). */
        public int padding() {
            return (int) Math.round(offset / scale);
        }
    }

    /**
     * Longest side of a padded search canvas. The network sees 512 px whatever it is given, so a
     * larger canvas only costs memory: padding a 6300 px photo by its own size would take 1 GB, and
     * a 100000×1 strip would overflow an array.
     */
    static final int MAX_PADDED_SIDE = 2048;

    public FaceDetector(ModelHub hub, Search search) {
        float[] anchors = SsdMobileNetV1.anchors(hub.weights(ModelCard.FACE_DETECTOR));
        this.predictor = hub.faceDetector().newPredictor(new SsdDetectorTranslator(anchors, search.weakConfidence(), 100));
        this.search = search;
    }

    public FaceDetector(ModelHub hub) {
        this(hub, Search.ROBUST);
    }

    public Search search() {
        return search;
    }

    /** Boxes in the image's pixels, largest first. */
    public List<FaceBox> detect(RgbImage image) {
        return find(image).stream().map(Found::box).toList();
    }

    /** Detections with the image each was found in, largest first. */
    public List<Found> find(RgbImage image) {
        return find(image, search, this::run);
    }

    /**
     * The search itself, over any box finder (the SSD in use; a scripted one in tests): passes in
     * order, confident boxes end it, else the best weak box of the padded passes.
     */
    static List<Found> find(RgbImage image, Search search, Function<RgbImage, List<FaceBox>> boxes) {
        Found bestWeak = null;
        double[] paddings = search.paddings();
        int longer = Math.max(image.width(), image.height());
        for (int pass = 0; pass <= paddings.length; pass++) {
            long padInImage = pass == 0 ? 0 : Math.round(paddings[pass - 1] * longer);
            double scale = pass == 0 ? 1 : Math.min(1, MAX_PADDED_SIDE / (double) (longer + 2 * padInImage));
            int pad = (int) Math.round(padInImage * scale);
            RgbImage searched = image;
            if (pass > 0) {
                RgbImage base = scale < 1 ? image.resize(Math.max(1, (int) Math.round(image.width() * scale)),
                        Math.max(1, (int) Math.round(image.height() * scale))) : image;
                searched = base.padReplicate(pad, pad, pad, pad);
            }
            List<Found> confident = new ArrayList<>();
            for (FaceBox b : boxes.apply(searched)) {
                if (b.score() < search.weakConfidence()) {
                    continue;
                }
                FaceBox shifted = b.transform(1 / scale, -pad / scale, -pad / scale);
                FaceBox inImage = clip(shifted, image.width(), image.height());
                if (inImage.area() <= 0) {
                    continue;
                }
                Found f = new Found(inImage, searched, pad, scale);
                if (search.isConfident(b.score())) {
                    confident.add(f);
                } else if (pad > 0 && inImage.area() >= WEAK_MIN_INSIDE * shifted.area()
                        && (bestWeak == null || b.score() > bestWeak.box().score())) {
                    bestWeak = f;
                }
            }
            if (!confident.isEmpty()) {
                confident.sort(Comparator.comparingDouble((Found f) -> -f.box().area()));
                return confident;
            }
        }
        return bestWeak == null ? List.of() : List.of(bestWeak);
    }

    private List<FaceBox> run(RgbImage image) {
        try {
            return predictor.predict(image);
        } catch (TranslateException e) {
            throw new IllegalStateException("face detector failed: " + e.getMessage(), e);
        }
    }

    private static FaceBox clip(FaceBox b, int width, int height) {
        double x0 = Math.max(0, b.x());
        double y0 = Math.max(0, b.y());
        double x1 = Math.min(width, b.right());
        double y1 = Math.min(height, b.bottom());
        return new FaceBox(x0, y0, x1 - x0, y1 - y0, b.score());
    }

    @Override
    public void close() {
        predictor.close();
    }
}
