package org.maskface.face.align;

import java.util.Objects;
import org.maskface.image.RgbImage;

/**
 * One face aligned to a template: the aligned crop, the similarity from the original image to
 * the crop, and the five source points it was estimated from. Keeps the original image so that
 * other input geometries (another size, more margin) are rendered from it directly rather than
 * by resampling the crop a second time.
 */
public final class AlignedFace {
    private final RgbImage source;
    private final RgbImage crop;
    private final SimilarityTransform imageToCrop;
    private final FivePoints sourcePoints;
    private final FaceTemplate template;

    public AlignedFace(RgbImage source, RgbImage crop, SimilarityTransform imageToCrop, FivePoints sourcePoints,
            FaceTemplate template) {
        this.source = Objects.requireNonNull(source, "source");
        this.crop = Objects.requireNonNull(crop, "crop");
        this.imageToCrop = Objects.requireNonNull(imageToCrop, "imageToCrop");
        this.sourcePoints = Objects.requireNonNull(sourcePoints, "sourcePoints");
        this.template = Objects.requireNonNull(template, "template");
    }

    /** The original, unaligned image. */
    public RgbImage source() {
        return source;
    }

    /** The aligned crop (template size, e.g. 112×112). */
    public RgbImage crop() {
        return crop;
    }

    /** Image coordinates → crop (template) coordinates. */
    public SimilarityTransform imageToCrop() {
        return imageToCrop;
    }

    /** The five points in the original image. */
    public FivePoints sourcePoints() {
        return sourcePoints;
    }

    /** The five points in the crop (where the fit put them; the template points up to fit error). */
    public FivePoints cropPoints() {
        return sourcePoints.transformed(imageToCrop.toAffine());
    }

    public FaceTemplate template() {
        return template;
    }

    /**
     * RMS distance (crop pixels) between the aligned points and the template points. Large values
     * (say above 8 for 112×112) mean the landmarks do not look like a frontal face.
     */
    public double fitErrorRms() {
        return imageToCrop.rmsError(sourcePoints.toArray(), template.points());
    }

    /**
     * Renders a w×h view of template space, sampled from the original image: output pixel p shows
     * template point templateToOutput⁻¹(p).
     */
    public RgbImage render(Affine2D templateToOutput, int w, int h) {
        return Aligner.render(source, imageToCrop, templateToOutput, w, h);
    }

    /**
     * An outSize×outSize view of the template square of side {@code side} centred on
     * (centerX, centerY); see {@link Aligner#squareView}. For instance
     * {@code renderSquare(55.5, 55.5, 112, 150)} is the crop's region at 150×150, and
     * {@code renderSquare(55.5, 55.5, 140, 150)} adds 14 template pixels of margin on each side.
     */
    public RgbImage renderSquare(double centerX, double centerY, double side, int outSize) {
        return render(Aligner.squareView(centerX, centerY, side, outSize), outSize, outSize);
    }
}
