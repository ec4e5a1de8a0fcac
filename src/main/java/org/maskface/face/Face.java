package org.maskface.face;

import org.maskface.face.align.AlignedFace;
import org.maskface.face.detect.FaceBox;

/**
 * One face found in an image: its box, its 68 landmarks (image pixels), its alignment, how it
 * was found ({@code searchPadding} &gt; 0: only after replicate-padding the image by that many
 * pixels; −1: not detected, the whole image was taken as the face), and the fraction of its
 * aligned crop the occlusion estimator marks as hidden (NaN when not estimated).
 */
public record Face(FaceBox box, float[][] landmarks, AlignedFace aligned, int searchPadding, double occlusion) {

    /** Occlusion coverage from which a face counts as masked and its landmarks are refined. */
    public static final double MASKED_COVERAGE = 0.05;

    public boolean detected() {
        return searchPadding >= 0;
    }

    /** Whether the occlusion estimator found the face covered (mask, scarf, hand...). */
    public boolean masked() {
        return occlusion >= MASKED_COVERAGE;
    }
}
