package org.maskface.nn;

import ai.djl.ndarray.NDManager;

/** A block whose parameters come from a TF.js weights manifest (the face-api models). */
public interface TfjsLoadable {
    /** Copies every parameter from {@code weights}, failing on a missing or mis-shaped tensor. */
    void loadTfjs(TfjsWeights weights, NDManager manager);
}
