package org.maskface.face.embed;

import ai.djl.ndarray.NDList;
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
        return HoledFace.toArrays(java.util.List.of(face, face.mirrored()), ctx.getNDManager());
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
