package org.maskface.face.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * A {@link HoledFace} and its mirror through the G2D network as one input of two rows
 * ({@code [2, 3, S, S]} and {@code [2, 1, S, S]}); the two unit embeddings are summed and
 * normalised (like the teacher's mirror averaging). Batches concatenate along the first axis.
 */
public final class G2dTranslator implements Translator<HoledFace, float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, HoledFace face) {
        int s = face.side();
        float[] images = new float[2 * 3 * s * s];
        float[] holes = new float[2 * s * s];
        face.write(images, holes, 0);
        face.mirrored().write(images, holes, 1);
        NDManager m = ctx.getNDManager();
        return new NDList(m.create(images, new Shape(2, 3, s, s)), m.create(holes, new Shape(2, 1, s, s)));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList out) {
        return FaceEmbedder.normalize(out.get(0).sum(new int[] {0}).toFloatArray());
    }

    @Override
    public Batchifier getBatchifier() {
        return new MirroredDescriptorTranslator.ConcatBatchifier(2);
    }
}
