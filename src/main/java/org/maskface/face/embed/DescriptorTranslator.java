package org.maskface.face.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.maskface.image.RgbImage;
import org.maskface.nn.DlibResNet;

/**
 * Pre/post-processing of the dlib ResNet descriptor on an image that already frames the face
 * (a dlib-style chip, or face-api's aligned box): centred square pad, resize to 150², (RGB −
 * mean) / 255; output the raw 128-d descriptor.
 */
public final class DescriptorTranslator implements Translator<RgbImage, float[]> {

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage face) {
        int size = DlibResNet.INPUT_SIZE;
        float[] chw = DlibResNet.input(face);
        return new NDList(ctx.getNDManager().create(chw, new Shape(3, size, size)));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList out) {
        return out.singletonOrThrow().toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
