package org.maskface.face.align;

import java.util.Locale;

/**
 * A general 2-D affine map, x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12 (the 2×3
 * matrix OpenCV's warpAffine takes). Immutable.
 *
 * <p>Coordinates follow the pixel-centre convention used throughout this package: pixel (i, j)
 * of an image has its centre at (i, j), so the image covers [-0.5, w-0.5] × [-0.5, h-0.5].
 */
public final class Affine2D {
    public static final Affine2D IDENTITY = new Affine2D(1, 0, 0, 0, 1, 0);

    private final double m00;
    private final double m01;
    private final double m02;
    private final double m10;
    private final double m11;
    private final double m12;

    public Affine2D(double m00, double m01, double m02, double m10, double m11, double m12) {
        this.m00 = m00;
        this.m01 = m01;
        this.m02 = m02;
        this.m10 = m10;
        this.m11 = m11;
        this.m12 = m12;
    }

    /** From a 2×3 row-major matrix {@code {{m00, m01, m02}, {m10, m11, m12}}}. */
    public static Affine2D of(double[][] m) {
        if (m.length != 2 || m[0].length != 3 || m[1].length != 3) {
            throw new IllegalArgumentException("expected a 2x3 matrix");
        }
        return new Affine2D(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2]);
    }

    public static Affine2D translation(double tx, double ty) {
        return new Affine2D(1, 0, tx, 0, 1, ty);
    }

    /** Scaling by (sx, sy) about the origin. */
    public static Affine2D scaling(double sx, double sy) {
        return new Affine2D(sx, 0, 0, 0, sy, 0);
    }

    public double m00() {
        return m00;
    }

    public double m01() {
        return m01;
    }

    public double m02() {
        return m02;
    }

    public double m10() {
        return m10;
    }

    public double m11() {
        return m11;
    }

    public double m12() {
        return m12;
    }

    /** The 2×3 matrix, row-major, as a fresh array. */
    public double[][] matrix() {
        return new double[][] {{m00, m01, m02}, {m10, m11, m12}};
    }

    public double applyX(double x, double y) {
        return m00 * x + m01 * y + m02;
    }

    public double applyY(double x, double y) {
        return m10 * x + m11 * y + m12;
    }

    /** The image of (x, y) as {@code {x', y'}}. */
    public double[] apply(double x, double y) {
        return new double[] {applyX(x, y), applyY(x, y)};
    }

    /** Maps every point of an n×2 array. */
    public double[][] applyAll(double[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = apply(points[i][0], points[i][1]);
        }
        return out;
    }

    public double determinant() {
        return m00 * m11 - m01 * m10;
    }

    /** The inverse map; throws if the matrix is singular. */
    public Affine2D inverse() {
        double det = determinant();
        double norm = Math.abs(m00) + Math.abs(m01) + Math.abs(m10) + Math.abs(m11);
        if (!(Math.abs(det) > 1e-12 * norm * norm)) {
            throw new IllegalStateException("affine map is not invertible (determinant " + det + ")");
        }
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i10 = -m10 / det;
        double i11 = m00 / det;
        return new Affine2D(i00, i01, -(i00 * m02 + i01 * m12), i10, i11, -(i10 * m02 + i11 * m12));
    }

    /** The map x ↦ next(this(x)): first this, then {@code next}. */
    public Affine2D then(Affine2D next) {
        return next.compose(this);
    }

    /** The map x ↦ this(first(x)): the mathematical composition this ∘ first. */
    public Affine2D compose(Affine2D first) {
        return new Affine2D(
                m00 * first.m00 + m01 * first.m10, m00 * first.m01 + m01 * first.m11, m00 * first.m02 + m01 * first.m12 + m02,
                m10 * first.m00 + m11 * first.m10, m10 * first.m01 + m11 * first.m11, m10 * first.m02 + m11 * first.m12 + m12);
    }

    /** True when every coefficient differs by at most {@code tolerance}. */
    public boolean approxEquals(Affine2D o, double tolerance) {
        return Math.abs(m00 - o.m00) <= tolerance && Math.abs(m01 - o.m01) <= tolerance && Math.abs(m02 - o.m02) <= tolerance
                && Math.abs(m10 - o.m10) <= tolerance && Math.abs(m11 - o.m11) <= tolerance && Math.abs(m12 - o.m12) <= tolerance;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[[%.6g, %.6g, %.6g], [%.6g, %.6g, %.6g]]", m00, m01, m02, m10, m11, m12);
    }
}
