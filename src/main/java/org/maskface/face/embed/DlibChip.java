package org.maskface.face.embed;

import org.maskface.face.align.AlignedFace;
import org.maskface.face.align.Affine2D;
import org.maskface.face.align.FaceTemplate;
import org.maskface.face.align.SimilarityTransform;
import org.maskface.image.RgbImage;

/**
 * The input geometry dlib's ResNet was trained on: 150×150 chips, 5-point aligned to dlib's mean
 * face shape with padding 0.25 — wider than the ArcFace 112 crop (the chip reaches below the
 * chin). The chip is rendered from the face's master alignment straight from the original image,
 * so the pixels below the 112 crop are real, not replicated, and there is one interpolation only.
 */
public final class DlibChip {

    public static final int SIZE = 150;

    /**
     * Eye centres, nose tip and mouth corners of dlib's mean face shape in chip pixels:
     * chip = (p + 0.25) / 1.5 · 150 for the shape's normalised points p.
     */
    public static final FaceTemplate TEMPLATE = new FaceTemplate(SIZE, SIZE, new double[][] {
        {47.5492, 46.5990}, {100.4761, 46.5990}, {74.0127, 76.5625}, {50.4149, 103.0233}, {97.6104, 103.0233},
    });

    /** ArcFace-112 template coordinates → chip pixels (least squares between the two templates). */
    public static final Affine2D TEMPLATE_TO_CHIP = SimilarityTransform
            .estimate(FaceTemplate.ARCFACE_112.points(), TEMPLATE.points()).toAffine();

    private DlibChip() {
    }

    public static RgbImage render(AlignedFace face) {
        return face.render(TEMPLATE_TO_CHIP, SIZE, SIZE);
    }
}
