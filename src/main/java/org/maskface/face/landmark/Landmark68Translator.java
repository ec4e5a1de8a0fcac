package org.maskface.face.landmark;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.maskface.image.RgbImage;
import org.maskface.nn.Landmark68Net;
import org.maskface.nn.NetInput;

/**
 * Pre/post-processing of the 68-point landmark net: a face crop is centred in a square, resized
 * to 112², normalised; the 136 outputs (relative to the padded square) are mapped back to the
 * crop's pixels. Output: {@code float[68][2]} (x, y) in the input image's coordinates.
 */
public final class Landmark68Translator implements Translator<RgbImage, float[][]> {

    private static final float[] SCALE = {1 / 255f, 1 / 255f, 1 / 255f};

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage crop) {
        ctx.setAttachment("width", crop.width());
        ctx.setAttachment("height", crop.height());
        int size = Landmark68Net.INPUT_SIZE;
        return new NDList(ctx.getNDManager().create(input(crop), new Shape(3, size, size)));
    }

    /** The network input of a crop: centred in a square, 112², CHW, (value − mean) / 255. */
    public static float[] input(RgbImage crop) {
        return NetInput.toChw(crop, Landmark68Net.INPUT_SIZE, true, Landmark68Net.MEAN_RGB, SCALE);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList out) {
        return decode(out.singletonOrThrow().toFloatArray(), (Integer) ctx.getAttachment("width"),
                (Integer) ctx.getAttachment("height"));
    }

    /** face-api's post-processing: undo the centring pad, then scale to the crop's size. */
    public static float[][] decode(float[] raw, int width, int height) {
        int size = Landmark68Net.INPUT_SIZE;
        double s = (double) size / Math.max(width, height);
        double w = width * s;
        double h = height * s;
        double padX = w < h ? Math.abs(w - h) / 2 : 0;
        double padY = h < w ? Math.abs(w - h) / 2 : 0;
        float[][] pts = new float[Landmark68Net.POINTS][2];
        for (int i = 0; i < pts.length; i++) {
            pts[i][0] = (float) ((raw[2 * i] * size - padX) / w * width);
            pts[i][1] = (float) ((raw[2 * i + 1] * size - padY) / h * height);
        }
        return pts;
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
