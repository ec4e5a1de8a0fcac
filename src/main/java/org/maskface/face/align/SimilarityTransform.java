package org.maskface.face.align;

import java.util.Locale;

/**
 * A 2-D similarity x' = s·R·x + t (uniform scale s &gt; 0, rotation R, translation t; no
 * reflection), stored as the 2×3 matrix {@code [[a, -b, tx], [b, a, ty]]} with a = s·cos θ,
 * b = s·sin θ. Immutable. θ is measured in image coordinates (y down), so a positive angle turns
 * clockwise on screen.
 */
public final class SimilarityTransform {
    public static final SimilarityTransform IDENTITY = new SimilarityTransform(1, 0, 0, 0);

    private final double a;
    private final double b;
    private final double tx;
    private final double ty;

    /** The similarity with matrix {@code [[a, -b, tx], [b, a, ty]]}. */
    public SimilarityTransform(double a, double b, double tx, double ty) {
        if (!(a * a + b * b > 0) || !Double.isFinite(a + b + tx + ty)) {
            throw new IllegalArgumentException("degenerate similarity: a=" + a + ", b=" + b + ", t=(" + tx + ", " + ty + ")");
        }
        this.a = a;
        this.b = b;
        this.tx = tx;
        this.ty = ty;
    }

    /** Scale s, rotation by {@code degrees}, then translation (tx, ty). */
    public static SimilarityTransform of(double scale, double degrees, double tx, double ty) {
        double rad = Math.toRadians(degrees);
        return new SimilarityTransform(scale * Math.cos(rad), scale * Math.sin(rad), tx, ty);
    }

    /**
     * Least-squares similarity mapping {@code src[i]} onto {@code dst[i]} (Umeyama 1991, with
     * scale, reflection excluded): minimises Σ‖dst_i − (s·R·src_i + t)‖².
     *
     * <p>In 2-D Umeyama's SVD solution has a closed form: with the points centred on their
     * means and written as complex numbers z_i (source) and w_i (destination), the scaled
     * rotation is the complex factor c = a + ib = Σ conj(z_i)·w_i / Σ|z_i|², i.e.
     * a = Σ(x·x' + y·y') / Σ(x² + y²), b = Σ(x·y' − y·x') / Σ(x² + y²); then t = mean(dst) − c·mean(src).
     * This is the same minimiser (the least-squares problem over scaled rotations is linear in
     * a and b), without an SVD.
     *
     * @param src n×2 points (n ≥ 2, not all equal)
     * @param dst n×2 points
     */
    public static SimilarityTransform estimate(double[][] src, double[][] dst) {
        if (src == null || dst == null || src.length != dst.length) {
            throw new IllegalArgumentException("need the same number of source and destination points");
        }
        int n = src.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 point pairs, got " + n);
        }
        double msx = 0;
        double msy = 0;
        double mdx = 0;
        double mdy = 0;
        for (int i = 0; i < n; i++) {
            checkPoint(src[i], "src", i);
            checkPoint(dst[i], "dst", i);
            msx += src[i][0];
            msy += src[i][1];
            mdx += dst[i][0];
            mdy += dst[i][1];
        }
        msx /= n;
        msy /= n;
        mdx /= n;
        mdy /= n;
        double dot = 0;   // Σ (x·x' + y·y')
        double cross = 0; // Σ (x·y' − y·x')
        double norm = 0;  // Σ (x² + y²)
        for (int i = 0; i < n; i++) {
            double x = src[i][0] - msx;
            double y = src[i][1] - msy;
            double xd = dst[i][0] - mdx;
            double yd = dst[i][1] - mdy;
            dot += x * xd + y * yd;
            cross += x * yd - y * xd;
            norm += x * x + y * y;
        }
        if (!(norm > 0)) {
            throw new IllegalArgumentException("source points all coincide: no unique similarity");
        }
        double a = dot / norm;
        double b = cross / norm;
        if (!(a * a + b * b > 0)) {
            throw new IllegalArgumentException("destination points all coincide: no unique similarity");
        }
        return new SimilarityTransform(a, b, mdx - (a * msx - b * msy), mdy - (b * msx + a * msy));
    }

    private static void checkPoint(double[] p, String which, int i) {
        if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
            throw new IllegalArgumentException(which + "[" + i + "] must be a finite (x, y) pair");
        }
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public double translationX() {
        return tx;
    }

    public double translationY() {
        return ty;
    }

    /** The uniform scale factor s = √(a² + b²). */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** The rotation angle in degrees, in (−180, 180]. */
    public double rotationDegrees() {
        return Math.toDegrees(Math.atan2(b, a));
    }

    public double[] apply(double x, double y) {
        return new double[] {a * x - b * y + tx, b * x + a * y + ty};
    }

    /** Maps every point of an n×2 array. */
    public double[][] applyAll(double[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = apply(points[i][0], points[i][1]);
        }
        return out;
    }

    /** The inverse similarity: (1/s)·Rᵀ·(x − t). */
    public SimilarityTransform inverse() {
        double s2 = a * a + b * b;
        double ia = a / s2;
        double ib = -b / s2;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /** The map x ↦ this(first(x)): the mathematical composition this ∘ first. */
    public SimilarityTransform compose(SimilarityTransform first) {
        // complex multiplication of the linear parts, then this applied to first's translation
        double na = a * first.a - b * first.b;
        double nb = a * first.b + b * first.a;
        return new SimilarityTransform(na, nb, a * first.tx - b * first.ty + tx, b * first.tx + a * first.ty + ty);
    }

    /** The map x ↦ next(this(x)): first this, then {@code next}. */
    public SimilarityTransform then(SimilarityTransform next) {
        return next.compose(this);
    }

    /** The same map as a general affine matrix. */
    public Affine2D toAffine() {
        return new Affine2D(a, -b, tx, b, a, ty);
    }

    /** The 2×3 matrix {@code [[a, -b, tx], [b, a, ty]]}. */
    public double[][] matrix() {
        return toAffine().matrix();
    }

    /** Root-mean-square distance between {@code this(src[i])} and {@code dst[i]}. */
    public double rmsError(double[][] src, double[][] dst) {
        double sum = 0;
        for (int i = 0; i < src.length; i++) {
            double[] p = apply(src[i][0], src[i][1]);
            double dx = p[0] - dst[i][0];
            double dy = p[1] - dst[i][1];
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / src.length);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Similarity[scale=%.6g, rotation=%.4f°, t=(%.4f, %.4f)]",
                scale(), rotationDegrees(), tx, ty);
    }
}
