package org.maskface.mask;

/**
 * The 68 iBUG landmarks of one aligned face with the derived points occluders are placed from.
 * Indices (0-based): jaw 0–16, brows 17–26, nose bridge 27–30, nose bottom 31–35, eyes 36–47,
 * mouth 48–67.
 */
final class FaceGeometry {
    static final int POINTS = 68;

    /** Index of each point's mirror partner (left and right swap; the midline maps to itself). */
    private static final int[] MIRROR = mirrorPermutation();

    private final double[][] p;
    private final int width;
    private final int height;

    private FaceGeometry(double[][] p, int width, int height) {
        this.p = p;
        this.width = width;
        this.height = height;
    }

    /** Validates landmarks given in crop coordinates of a width×height crop. */
    static FaceGeometry of(float[][] landmarks, int width, int height) {
        if (landmarks == null) {
            throw new IllegalArgumentException("landmarks must be 68 (x, y) points in crop coordinates, got null");
        }
        if (landmarks.length != POINTS) {
            throw new IllegalArgumentException("landmarks must be 68 (x, y) points in crop coordinates, got "
                    + landmarks.length);
        }
        double[][] p = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            float[] q = landmarks[i];
            if (q == null || q.length < 2 || !Float.isFinite(q[0]) || !Float.isFinite(q[1])) {
                throw new IllegalArgumentException("landmark " + i + " is not a finite (x, y) pair");
            }
            p[i] = new double[] {q[0], q[1]};
        }
        FaceGeometry f = new FaceGeometry(p, width, height);
        double[] le = f.eyeCentre(true);
        double[] re = f.eyeCentre(false);
        double[] chin = f.pt(8);
        // Landmarks of the original photo (not mapped into the crop) land far outside it.
        boolean eyesInside = inside(le, width, height) && inside(re, width, height);
        if (!eyesInside || !(re[0] - le[0] > width * 0.15) || !(chin[1] > Math.max(le[1], re[1]) + height * 0.15)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "landmarks do not look like an upright face in this %dx%d crop (eyes at (%.0f, %.0f) and "
                            + "(%.0f, %.0f), chin at (%.0f, %.0f)); pass them in crop coordinates",
                    width, height, le[0], le[1], re[0], re[1], chin[0], chin[1]));
        }
        return f;
    }

    private static boolean inside(double[] q, int w, int h) {
        return q[0] >= 0 && q[0] < w && q[1] >= 0 && q[1] < h;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    double[] pt(int i) {
        return p[i].clone();
    }

    double x(int i) {
        return p[i][0];
    }

    double y(int i) {
        return p[i][1];
    }

    /** The point a fraction t of the way from landmark i to landmark j. */
    double[] lerp(int i, int j, double t) {
        return new double[] {p[i][0] + (p[j][0] - p[i][0]) * t, p[i][1] + (p[j][1] - p[i][1]) * t};
    }

    /** Centre of the eye on the image's left (points 36–41) or right (42–47). */
    double[] eyeCentre(boolean imageLeft) {
        int from = imageLeft ? 36 : 42;
        double x = 0;
        double y = 0;
        for (int i = from; i < from + 6; i++) {
            x += p[i][0];
            y += p[i][1];
        }
        return new double[] {x / 6, y / 6};
    }

    double eyeWidth(boolean imageLeft) {
        return imageLeft ? dist(36, 39) : dist(42, 45);
    }

    double dist(int i, int j) {
        return Math.hypot(p[i][0] - p[j][0], p[i][1] - p[j][1]);
    }

    /** Width of the face at the jaw's widest landmarks (0 and 16). */
    double faceWidth() {
        return dist(0, 16);
    }

    /** Lowest eye point: occluders of the lower face stay below it. */
    double eyeBottom() {
        double y = Double.NEGATIVE_INFINITY;
        for (int i = 36; i < 48; i++) {
            y = Math.max(y, p[i][1]);
        }
        return y;
    }

    /**
     * Horizontal head turn in [−1, 1]: the nose tip's offset from the jaw's midpoint in units of
     * half the jaw width. Positive when the nose points to the image's right, i.e. the right side
     * of the image is the far, foreshortened side of the face.
     */
    double yaw() {
        double mid = (p[0][0] + p[16][0]) / 2;
        double half = Math.max(1e-6, (p[16][0] - p[0][0]) / 2);
        return Math.max(-1, Math.min(1, (p[30][0] - mid) / half));
    }

    /** Jaw point i pushed outward from the nose tip by {@code out} pixels (masks sit off the cheeks). */
    double[] jawOut(double i, double out) {
        int lo = (int) Math.floor(i);
        int hi = Math.min(16, lo + 1);
        double[] q = lerp(lo, hi, i - lo);
        double dx = q[0] - p[30][0];
        double dy = q[1] - p[30][1];
        double n = Math.max(1e-6, Math.hypot(dx, dy));
        return new double[] {q[0] + dx / n * out, q[1] + dy / n * out};
    }

    /** The same face mirrored left–right in the crop, points relabelled so index 0 stays on the left. */
    FaceGeometry mirrored() {
        double[][] m = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            double[] q = p[MIRROR[i]];
            m[i] = new double[] {width - 1 - q[0], q[1]};
        }
        return new FaceGeometry(m, width, height);
    }

    private static int[] mirrorPermutation() {
        int[] m = new int[POINTS];
        for (int i = 0; i < POINTS; i++) {
            m[i] = i;
        }
        pairs(m, 0, 16, 8);            // jaw
        pairs(m, 17, 26, 5);           // brows
        pairs(m, 31, 35, 2);           // nose bottom
        int[][] eyes = {{36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46}};
        int[][] mouth = {{48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, {60, 64}, {61, 63}, {65, 67}};
        for (int[][] set : new int[][][] {eyes, mouth}) {
            for (int[] pair : set) {
                m[pair[0]] = pair[1];
                m[pair[1]] = pair[0];
            }
        }
        return m;
    }

    /** Pairs first+k with last−k for k in [0, count). */
    private static void pairs(int[] m, int first, int last, int count) {
        for (int k = 0; k < count; k++) {
            m[first + k] = last - k;
            m[last - k] = first + k;
        }
    }
}
