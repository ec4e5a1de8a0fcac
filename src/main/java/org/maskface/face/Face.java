package org.maskface.face;

import org.maskface.face.align.AlignedFace;
import org.maskface.face.detect.FaceBox;

/**
 * One face found in an image: its box, its 68 landmarks (image pixels), its alignment, and how
 * it was found ({@code searchPadding} &gt; 0: only after replicate-padding the image by that many
 * pixels; −1: not detected, the whole image was taken as the face).
 */
public record Face(FaceBox box, float[][] landmarks, AlignedFace aligned, int searchPadding) {

    public boolean detected() {
        return searchPadding >= 0;
    }
}
