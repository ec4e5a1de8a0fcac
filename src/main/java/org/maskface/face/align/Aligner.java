package org.maskface.face.align;

import java.util.Objects;
import org.maskface.image.RgbImage;

/**
 * Aligns a face to a {@link FaceTemplate} (by default the ArcFace 112×112 one): estimates the
 * least-squares similarity from the face's five points to the template and warps the image with
 * bilinear sampling and replicated borders. Stateless and thread-safe.
 */
public final class Aligner {
    private final FaceTemplate template;

    /** Aligns to {@link FaceTemplate#ARCFACE_112}. */
    public Aligner() {
        this(FaceTemplate.ARCFACE_112);
    }

    public Aligner(FaceTemplate template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    public FaceTemplate template() {
        return template;
    }

    /** The similarity mapping image coordinates to template (crop) coordinates. */
    public SimilarityTransform estimate(FivePoints points) {
        return SimilarityTransform.estimate(points.toArray(), template.points());
    }

    /** Aligns from 68 iBUG landmarks (image coordinates). */
    public AlignedFace align(RgbImage image, double[][] landmarks68) {
        return align(image, FivePoints.fromLandmarks68(landmarks68));
    }

    /** Aligns from 68 iBUG landmarks given as floats (as a landmark model emits them). */
    public AlignedFace align(RgbImage image, float[][] landmarks68) {
        return align(image, FivePoints.fromLandmarks68(landmarks68));
    }

    /** Aligns from five points (image coordinates). */
    public AlignedFace align(RgbImage image, FivePoints points) {
        Objects.requireNonNull(image, "image");
        SimilarityTransform imageToCrop = estimate(points);
        RgbImage crop = ImageWarp.warp(image, imageToCrop, template.width(), template.height());
        return new AlignedFace(image, crop, imageToCrop, points, template);
    }

    /**
     * Renders any view of template space straight from the original image (one interpolation):
     * output pixel p shows image point imageToTemplate⁻¹(templateToOutput⁻¹(p)).
     */
    public static RgbImage render(RgbImage image, SimilarityTransform imageToTemplate, Affine2D templateToOutput,
            int outW, int outH) {
        Affine2D imageToOutput = imageToTemplate.toAffine().then(templateToOutput);
        return ImageWarp.warp(image, imageToOutput, outW, outH);
    }

    /**
     * The map from template coordinates to an outSize×outSize output that shows the square of
     * side {@code side} (template pixels) centred on (centerX, centerY). Both use the pixel-centre
     * convention, so the square's edges land on the output's edges: e.g. (55.5, 55.5, 112, s)
     * shows exactly the 112×112 crop at s×s, and a larger side zooms out around the same centre.
     */
    public static Affine2D squareView(double centerX, double centerY, double side, int outSize) {
        if (!(side > 0) || outSize <= 0) {
            throw new IllegalArgumentException("side and outSize must be positive");
        }
        double k = outSize / side;
        double half = (outSize - 1) / 2.0;
        return new Affine2D(k, 0, half - k * centerX, 0, k, half - k * centerY);
    }
}
