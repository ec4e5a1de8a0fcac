package org.maskface.face.align;

/**
 * The five points alignment uses: left eye centre, right eye centre, nose tip, left mouth
 * corner, right mouth corner ("left" = image left, the subject's right). Immutable.
 */
public final class FivePoints {
    public static final int COUNT = 5;
    public static final int LEFT_EYE = 0;
    public static final int RIGHT_EYE = 1;
    public static final int NOSE_TIP = 2;
    public static final int LEFT_MOUTH = 3;
    public static final int RIGHT_MOUTH = 4;

    /** iBUG 300-W 68-point indices (0-based) the five points come from. */
    private static final int EYE_LEFT_FIRST = 36;   // 36–41: the eye on the image left
    private static final int EYE_RIGHT_FIRST = 42;  // 42–47
    private static final int NOSE_TIP_68 = 30;
    private static final int MOUTH_LEFT_68 = 48;
    private static final int MOUTH_RIGHT_68 = 54;

    private final double[][] points;

    /** From a 5×2 array in the order above (copied). */
    public FivePoints(double[][] points) {
        if (points == null || points.length != COUNT) {
            throw new IllegalArgumentException("expected 5 points, got " + (points == null ? "null" : points.length));
        }
        this.points = new double[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            if (points[i] == null || points[i].length != 2 || !Double.isFinite(points[i][0]) || !Double.isFinite(points[i][1])) {
                throw new IllegalArgumentException("point " + i + " must be a finite (x, y) pair");
            }
            this.points[i] = points[i].clone();
        }
    }

    /**
     * From 68 iBUG landmarks: eye centres = mean of points 36–41 and 42–47, nose tip = 30,
     * mouth corners = 48 and 54 (0-based).
     */
    public static FivePoints fromLandmarks68(double[][] pts68) {
        check68(pts68 == null ? -1 : pts68.length);
        double[][] p = new double[COUNT][];
        p[LEFT_EYE] = mean(pts68, EYE_LEFT_FIRST);
        p[RIGHT_EYE] = mean(pts68, EYE_RIGHT_FIRST);
        p[NOSE_TIP] = pair(pts68[NOSE_TIP_68], NOSE_TIP_68);
        p[LEFT_MOUTH] = pair(pts68[MOUTH_LEFT_68], MOUTH_LEFT_68);
        p[RIGHT_MOUTH] = pair(pts68[MOUTH_RIGHT_68], MOUTH_RIGHT_68);
        return new FivePoints(p);
    }

    /** As {@link #fromLandmarks68(double[][])}, for float landmarks (what a model emits). */
    public static FivePoints fromLandmarks68(float[][] pts68) {
        check68(pts68 == null ? -1 : pts68.length);
        double[][] d = new double[pts68.length][];
        for (int i = 0; i < pts68.length; i++) {
            if (pts68[i] == null || pts68[i].length != 2) {
                throw new IllegalArgumentException("landmark " + i + " must be an (x, y) pair");
            }
            d[i] = new double[] {pts68[i][0], pts68[i][1]};
        }
        return fromLandmarks68(d);
    }

    private static void check68(int n) {
        if (n != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + (n < 0 ? "null" : n));
        }
    }

    private static double[] mean(double[][] pts, int first) {
        double x = 0;
        double y = 0;
        for (int i = first; i < first + 6; i++) {
            double[] p = pair(pts[i], i);
            x += p[0];
            y += p[1];
        }
        return new double[] {x / 6, y / 6};
    }

    private static double[] pair(double[] p, int index) {
        if (p == null || p.length != 2) {
            throw new IllegalArgumentException("landmark " + index + " must be an (x, y) pair");
        }
        return new double[] {p[0], p[1]};
    }

    /** The points as a fresh 5×2 array. */
    public double[][] toArray() {
        double[][] copy = new double[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    /** Point {@code index} as a fresh {x, y}. */
    public double[] get(int index) {
        return points[index].clone();
    }

    public double[] leftEye() {
        return get(LEFT_EYE);
    }

    public double[] rightEye() {
        return get(RIGHT_EYE);
    }

    public double[] noseTip() {
        return get(NOSE_TIP);
    }

    public double[] leftMouth() {
        return get(LEFT_MOUTH);
    }

    public double[] rightMouth() {
        return get(RIGHT_MOUTH);
    }

    /** The points mapped by {@code t}. */
    public FivePoints transformed(Affine2D t) {
        return new FivePoints(t.applyAll(points));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FivePoints[");
        for (int i = 0; i < COUNT; i++) {
            s.append(i > 0 ? ", " : "").append(String.format(java.util.Locale.ROOT, "(%.2f, %.2f)", points[i][0], points[i][1]));
        }
        return s.append(']').toString();
    }
}
