package org.maskface.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.maskface.nn.Batches;
import org.maskface.nn.Scalars;

/**
 * A recognizer being trained with a cosine classifier over the training identities: logits =
 * scale × cos(embedding, class weight). The weights start at the teacher's identity centroids, so
 * cross-entropy is meaningful from the first step. Forward: the body's first output as a unit
 * vector, and the logits. Only the body is shipped; the classifier serves training.
 */
public final class CosineClassifier extends AbstractBlock {

    private final Block body;
    private final Parameter weights;
    private final int classes;
    private final double scale;

    /** @param bodyName the body's name among this block's children (checkpoints know it by it) */
    public CosineClassifier(String bodyName, Block body, int classes, double scale) {
        this.body = addChildBlock(bodyName, body);
        this.weights = addParameter(Parameter.builder().setName("classifier").setType(Parameter.Type.WEIGHT).build());
        this.classes = classes;
        this.scale = scale;
    }

    /** Sets the class weights to the centroids of {@code names}, in that order (the labels' order). */
    public void startAtCentroids(List<String> names, Map<String, float[]> centroids, NDManager manager) {
        int d = centroids.get(names.get(0)).length;
        float[] w = new float[names.size() * d];
        for (int i = 0; i < names.size(); i++) {
            System.arraycopy(centroids.get(names.get(i)), 0, w, i * d, d);
        }
        weights.setArray(manager.create(w, new Shape(names.size(), d)));
    }

    /** The logits of unit embeddings {@code [N, D]}. */
    public NDArray logits(ParameterStore store, NDArray unitEmbeddings, boolean training) {
        NDArray w = Batches.unitRows(store.getValue(weights, unitEmbeddings.getDevice(), training));
        return Scalars.mul(unitEmbeddings.matMul(w.transpose()), scale);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray embedding = Batches.unitRows(body.forward(store, inputs, training).get(0));
        return new NDList(embedding, logits(store, embedding, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long d = body.getOutputShapes(inputShapes)[0].get(1);
        return new Shape[] {new Shape(b, d), new Shape(b, classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }
}
