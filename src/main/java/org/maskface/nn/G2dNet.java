package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The G2D recognizer (DESIGN.md §3.2): generative encoder → discriminative reformer → one
 * fully-connected layer + softmax over the training identities. Encoder and reformer are the
 * backbone used for verification (the unit-length reformed vector); the classifier serves
 * closed-set identification among the people it was trained on.
 *
 * <p>Input: the masked face {@code [N, 3, S, S]} in [−1, 1] and its hole map {@code [N, 1, S, S]};
 * output: {@code [embedding [N, D] unit length, logits [N, classes]]}.
 */
public final class G2dNet extends AbstractBlock {

    private final GenerativeEncoder encoder;
    private final Reformer reformer;
    private final Linear classifier;
    private final int classes;

    public G2dNet(GenerativeEncoder encoder, Reformer reformer, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("the classifier needs at least one class, got " + classes);
        }
        this.encoder = addChildBlock("encoder", encoder);
        this.reformer = addChildBlock("reformer", reformer);
        this.classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
        this.classes = classes;
    }

    public GenerativeEncoder encoder() {
        return encoder;
    }

    public Reformer reformer() {
        return reformer;
    }

    public Linear classifier() {
        return classifier;
    }

    public int classes() {
        return classes;
    }

    /** The reformed identity vector {@code [N, D]} of descriptors (not normalised). */
    public NDArray reform(ParameterStore store, NDArray descriptors, boolean training) {
        return reformer.forward(store, new NDList(descriptors), training).singletonOrThrow();
    }

    /**
     * Class scores {@code [N, classes]} of reformed vectors (softmax gives the probabilities). The FC
     * layer sees the unit-length vector, as verification does: the reformer's length is free (the
     * distillation constrains only directions), and an unbounded input makes the logits explode.
     */
    public NDArray classify(ParameterStore store, NDArray reformed, boolean training) {
        return classifier.forward(store, new NDList(Batches.unitRows(reformed)), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray reformed = reform(store, encoder.describe(store, inputs.get(0), inputs.get(1), training), training);
        return new NDList(Batches.unitRows(reformed), classify(store, reformed, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, reformer.embedding()), new Shape(n, classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        Shape descriptors = encoder.getOutputShapes(inputShapes)[0];
        reformer.initialize(manager, dataType, descriptors);
        classifier.initialize(manager, dataType, new Shape(descriptors.get(0), reformer.embedding()));
    }
}
