package org.maskface.face.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.maskface.image.RgbImage;
import org.maskface.nn.NetInput;
import org.maskface.nn.SsdMobileNetV1;

/**
 * Pre/post-processing of the SSD face detector: image → 512² input in [−1, 1] (padded right and
 * bottom to a square, as the model was exported); raw outputs → boxes decoded against the
 * anchors (centre offsets /10, log sizes /5), sigmoid face score, greedy NMS at IoU 0.5, boxes
 * clipped to the image and returned in its pixels.
 */
public final class SsdDetectorTranslator implements Translator<RgbImage, List<FaceBox>> {

    private static final float[] MEAN = {127.5f, 127.5f, 127.5f};
    private static final float[] SCALE = {1 / 127.5f, 1 / 127.5f, 1 / 127.5f};
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;
    public static final double NMS_IOU = 0.5;

    private final float[] anchors;
    private final double minConfidence;
    private final int maxResults;

    public SsdDetectorTranslator(float[] anchors, double minConfidence, int maxResults) {
        if (anchors.length != SsdMobileNetV1.ANCHORS * 4) {
            throw new IllegalArgumentException("expected " + SsdMobileNetV1.ANCHORS + " anchors");
        }
        if (!(minConfidence > 0 && minConfidence < 1)) {
            throw new IllegalArgumentException("minConfidence must be in (0, 1), got " + minConfidence);
        }
        this.anchors = anchors;
        this.minConfidence = minConfidence;
        this.maxResults = maxResults;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage img) {
        ctx.setAttachment("width", img.width());
        ctx.setAttachment("height", img.height());
        int size = SsdMobileNetV1.INPUT_SIZE;
        float[] chw = NetInput.toChw(img, size, false, MEAN, SCALE);
        return new NDList(ctx.getNDManager().create(chw, new Shape(3, size, size)));
    }

    @Override
    public List<FaceBox> processOutput(TranslatorContext ctx, NDList out) {
        int width = (Integer) ctx.getAttachment("width");
        int height = (Integer) ctx.getAttachment("height");
        return decode(out.get(0).toFloatArray(), out.get(1).toFloatArray(), width, height);
    }

    /** Decodes raw encodings {@code [5118·4]} and logits {@code [5118·3]} for an image of this size. */
    public List<FaceBox> decode(float[] encodings, float[] logits, int width, int height) {
        int n = SsdMobileNetV1.ANCHORS;
        double[][] boxes = new double[n][];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = 1 / (1 + Math.exp(-logits[i * 3 + 1]));
            if (scores[i] <= minConfidence) {
                continue;
            }
            double aymin = anchors[i * 4];
            double axmin = anchors[i * 4 + 1];
            double ah = anchors[i * 4 + 2] - aymin;
            double aw = anchors[i * 4 + 3] - axmin;
            double cy = aymin + ah / 2 + encodings[i * 4] / 10.0 * ah;
            double cx = axmin + aw / 2 + encodings[i * 4 + 1] / 10.0 * aw;
            double halfH = Math.exp(encodings[i * 4 + 2] / 5.0) * ah / 2;
            double halfW = Math.exp(encodings[i * 4 + 3] / 5.0) * aw / 2;
            boxes[i] = new double[] {cy - halfH, cx - halfW, cy + halfH, cx + halfW};
        }
        List<Integer> kept = nonMaxSuppression(boxes, scores);
        // The padded square is `side` pixels; the network saw the image scaled to round(w·s)×round(h·s).
        double s = (double) SsdMobileNetV1.INPUT_SIZE / Math.max(width, height);
        double padX = SsdMobileNetV1.INPUT_SIZE / (double) Math.round(width * s);
        double padY = SsdMobileNetV1.INPUT_SIZE / (double) Math.round(height * s);
        List<FaceBox> result = new ArrayList<>();
        for (int i : kept) {
            double top = Math.max(0, boxes[i][0]) * padY;
            double bottom = Math.min(1, boxes[i][2]) * padY;
            double left = Math.max(0, boxes[i][1]) * padX;
            double right = Math.min(1, boxes[i][3]) * padX;
            result.add(new FaceBox(left * width, top * height, (right - left) * width, (bottom - top) * height, scores[i]));
        }
        return result;
    }

    /** Greedy NMS over candidates above the confidence threshold, best score first. */
    private List<Integer> nonMaxSuppression(double[][] boxes, double[] scores) {
        Integer[] order = new Integer[scores.length];
        int count = 0;
        for (int i = 0; i < scores.length; i++) {
            if (boxes[i] != null) {
                order[count++] = i;
            }
        }
        Integer[] candidates = Arrays.copyOf(order, count);
        Arrays.sort(candidates, Comparator.comparingDouble((Integer i) -> -scores[i]));
        List<Integer> selected = new ArrayList<>();
        for (int c : candidates) {
            if (selected.size() >= maxResults) {
                break;
            }
            boolean suppressed = false;
            for (int s : selected) {
                if (iou(boxes[c], boxes[s]) > NMS_IOU) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                selected.add(c);
            }
        }
        return selected;
    }

    private static double iou(double[] a, double[] b) {
        double areaA = (a[2] - a[0]) * (a[3] - a[1]);
        double areaB = (b[2] - b[0]) * (b[3] - b[1]);
        if (areaA <= 0 || areaB <= 0) {
            return 0;
        }
        double ih = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double iw = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = ih * iw;
        return inter / (areaA + areaB - inter);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
