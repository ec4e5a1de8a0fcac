package org.maskface.face.landmark;

/** Facts about the 68-point (iBUG 300-W) layout that several places need. */
public final class Landmarks {

    /** First index of each eye's six points (the subject's right eye, then left). */
    public static final int[] EYES = {36, 42};

    private Landmarks() {
    }

    /** The centre of the six points of the eye starting at {@code start} (36 or 42). */
    public static double[] eyeCentre(float[][] pts, int start) {
        double x = 0;
        double y = 0;
        for (int i = start; i < start + 6; i++) {
            x += pts[i][0];
            y += pts[i][1];
        }
        return new double[] {x / 6, y / 6};
    }

    /** Mean over both eyes of the distance between their centres in {@code a} and {@code b}. */
    public static double eyeCentreError(float[][] a, float[][] b) {
        double sum = 0;
        for (int start : EYES) {
            double[] p = eyeCentre(a, start);
            double[] q = eyeCentre(b, start);
            sum += Math.hypot(p[0] - q[0], p[1] - q[1]);
        }
        return sum / EYES.length;
    }

    /** Mean point-to-point distance over all points. */
    public static double meanError(float[][] a, float[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.hypot(a[i][0] - b[i][0], a[i][1] - b[i][1]);
        }
        return sum / a.length;
    }
}
