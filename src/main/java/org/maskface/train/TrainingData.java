package org.maskface.train;

/**
 * Where a recipe's faces come from: training faces from the LFW folds {@code trainFolds},
 * held-out faces from {@code heldOutFolds} (identity-disjoint; the first {@code heldOutImages}
 * of them); {@code cleanFraction} of the training samples carry no mask.
 */
public record TrainingData(String lfw, String pairs, String trainFolds, String heldOutFolds, int heldOutImages,
                           double cleanFraction) {

    /** Whether every path and fold list is given (Gson leaves missing fields null). */
    public boolean complete() {
        return lfw != null && pairs != null && trainFolds != null && heldOutFolds != null;
    }

    /** What is out of range in a recipe that draws masks by {@code cleanFraction}, or null. */
    public String cleanFractionProblem() {
        return cleanFraction < 0 || cleanFraction > 1 ? "cleanFraction must be within [0, 1]" : null;
    }
}
