package org.maskface.face.occlusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.maskface.image.RgbImage;
import org.maskface.nn.NetInput;
import org.maskface.nn.OcclusionNet;

/**
 * Aligned 112×112 crop → {@link OcclusionNet} input; its half-resolution logits → a
 * full-resolution probability map (bilinear, pixel centres aligned, then sigmoid).
 */
public final class OcclusionTranslator implements Translator<RgbImage, OcclusionMap> {

    /** The network input for one crop: {@code [3, 112, 112]}, (value / 127.5) − 1. */
    public static NDArray input(NDManager manager, RgbImage crop) {
        int s = OcclusionNet.INPUT_SIZE;
        float[] chw = new float[3 * s * s];
        writeInput(crop, chw, 0);
        return manager.create(chw, new Shape(3, s, s));
    }

    /** Writes a crop's network input (CHW, (value / 127.5) − 1) into {@code dst} from {@code offset}. */
    public static void writeInput(RgbImage crop, float[] dst, int offset) {
        checkSize(crop);
        NetInput.writeSigned(crop, dst, offset);
    }

    /** @throws IllegalArgumentException unless the crop is 112×112 */
    public static void checkSize(RgbImage crop) {
        int s = OcclusionNet.INPUT_SIZE;
        if (crop.width() != s || crop.height() != s) {
            throw new IllegalArgumentException("occlusion estimation needs a " + s + "×" + s + " aligned crop, got "
                    + crop.width() + "×" + crop.height());
        }
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage crop) {
        return new NDList(input(ctx.getNDManager(), crop));
    }

    @Override
    public OcclusionMap processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        int n = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        return fromLogits(logits.toType(DataType.FLOAT32, false).toFloatArray(), n, OcclusionNet.INPUT_SIZE);
    }

    /** Upsamples an {@code n × n} logit grid to {@code size × size} and applies the sigmoid. */
    public static OcclusionMap fromLogits(float[] logits, int n, int size) {
        float[] p = new float[size * size];
        double scale = n / (double) size;
        for (int y = 0; y < size; y++) {
            double sy = Math.max(0, Math.min(n - 1, (y + 0.5) * scale - 0.5));
            int y0 = Math.min((int) sy, n - 2);
            double fy = sy - y0;
            for (int x = 0; x < size; x++) {
                double sx = Math.max(0, Math.min(n - 1, (x + 0.5) * scale - 0.5));
                int x0 = Math.min((int) sx, n - 2);
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * logits[y0 * n + x0] + fx * logits[y0 * n + x0 + 1])
                        + fy * ((1 - fx) * logits[(y0 + 1) * n + x0] + fx * logits[(y0 + 1) * n + x0 + 1]);
                p[y * size + x] = (float) (1 / (1 + Math.exp(-v)));
            }
        }
        return new OcclusionMap(size, size, p);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
