package org.maskface.face.align;

/**
 * Where the five reference points of a face sit in an aligned crop. Points are in the crop's
 * pixel-centre coordinates (see {@link Affine2D}); "left" means the left of the image, i.e.
 * the subject's right eye / mouth corner.
 */
public final class FaceTemplate {
    /**
     * The ArcFace (InsightFace) 5-point template for 112×112 crops: left eye, right eye, nose
     * tip, left mouth corner, right mouth corner. Used with OpenCV's warpAffine, whose pixel
     * convention this package shares.
     */
    public static final FaceTemplate ARCFACE_112 = new FaceTemplate(112, 112, new double[][] {
        {38.2946, 51.6963},
        {73.5318, 51.5014},
        {56.0252, 71.7366},
        {41.5493, 92.3655},
        {70.7299, 92.2041},
    });

    private final int width;
    private final int height;
    private final double[][] points;

    public FaceTemplate(int width, int height, double[][] points) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("template size must be positive");
        }
        if (points == null || points.length != FivePoints.COUNT) {
            throw new IllegalArgumentException("a face template has exactly 5 points");
        }
        this.width = width;
        this.height = height;
        this.points = new double[FivePoints.COUNT][];
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null || points[i].length != 2) {
                throw new IllegalArgumentException("template point " + i + " must be an (x, y) pair");
            }
            this.points[i] = points[i].clone();
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The side of a square template (112 for ArcFace); throws for a non-square one. */
    public int size() {
        if (width != height) {
            throw new IllegalStateException("template is " + width + "x" + height + ", not square");
        }
        return width;
    }

    /** The five points as a fresh 5×2 array, in {@link FivePoints} order. */
    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    /** Point {@code index} ({@link FivePoints#LEFT_EYE} …) as a fresh {x, y}. */
    public double[] point(int index) {
        return points[index].clone();
    }

    public FivePoints asFivePoints() {
        return new FivePoints(points);
    }
}
