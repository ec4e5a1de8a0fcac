package org.maskface.face.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.maskface.image.RgbImage;

/**
 * A face image and its mirror through the dlib ResNet as one {@code [2, 3, 150, 150]} input; the
 * two raw descriptors are summed and L2-normalised. Batches concatenate along the first axis.
 * The teacher does this on its chip, the de-occlusion student on the completed crop.
 */
public final class MirroredDescriptorTranslator implements Translator<RgbImage, float[]> {

    private final DescriptorTranslator descriptor = new DescriptorTranslator();

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage face) {
        return new NDList(NDArrays.stack(new NDList(descriptor.processInput(ctx, face).singletonOrThrow(),
                descriptor.processInput(ctx, face.flipHorizontal()).singletonOrThrow())));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList out) {
        return FaceEmbedder.normalize(out.singletonOrThrow().sum(new int[] {0}).toFloatArray());
    }

    @Override
    public Batchifier getBatchifier() {
        return new ConcatBatchifier(2);
    }

    /**
     * Batches inputs whose arrays already carry a leading axis of {@code perItem} rows, by
     * concatenating each array along that axis; outputs are split back the same way.
     */
    static final class ConcatBatchifier implements Batchifier {
        private static final long serialVersionUID = 1L;
        private final int perItem;

        ConcatBatchifier(int perItem) {
            this.perItem = perItem;
        }

        @Override
        public NDList batchify(NDList[] inputs) {
            NDList out = new NDList();
            for (int j = 0; j < inputs[0].size(); j++) {
                NDList arrays = new NDList();
                for (NDList in : inputs) {
                    arrays.add(in.get(j));
                }
                out.add(NDArrays.concat(arrays, 0));
            }
            return out;
        }

        @Override
        public NDList[] unbatchify(NDList output) {
            int items = (int) (output.get(0).getShape().get(0) / perItem);
            NDList[] out = new NDList[items];
            for (int i = 0; i < items; i++) {
                out[i] = new NDList();
                for (NDArray all : output) {
                    out[i].add(all.get(i * perItem + ":" + (i + 1) * perItem));
                }
            }
            return out;
        }
    }
}
