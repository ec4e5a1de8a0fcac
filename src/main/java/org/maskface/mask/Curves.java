package org.maskface.mask;

import java.awt.geom.Path2D;
import java.util.List;

/** Smooth paths through landmark-derived points (Catmull–Rom splines written as cubic Béziers). */
final class Curves {
    private Curves() {
    }

    /** A closed smooth outline through every point. */
    static Path2D.Double closed(List<double[]> pts) {
        int n = pts.size();
        Path2D.Double path = new Path2D.Double();
        path.moveTo(pts.get(0)[0], pts.get(0)[1]);
        for (int i = 0; i < n; i++) {
            segment(path, pts.get((i - 1 + n) % n), pts.get(i), pts.get((i + 1) % n), pts.get((i + 2) % n));
        }
        path.closePath();
        return path;
    }

    /** An open smooth curve through every point (end tangents from the end segments). */
    static Path2D.Double open(List<double[]> pts) {
        int n = pts.size();
        Path2D.Double path = new Path2D.Double();
        path.moveTo(pts.get(0)[0], pts.get(0)[1]);
        for (int i = 0; i < n - 1; i++) {
            segment(path, pts.get(Math.max(0, i - 1)), pts.get(i), pts.get(i + 1), pts.get(Math.min(n - 1, i + 2)));
        }
        return path;
    }

    /** Appends the Catmull–Rom segment p1→p2 (p0 and p3 give the tangents) to a path ending at p1. */
    private static void segment(Path2D.Double path, double[] p0, double[] p1, double[] p2, double[] p3) {
        path.curveTo(p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6,
                p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6,
                p2[0], p2[1]);
    }

    static double[] pt(double x, double y) {
        return new double[] {x, y};
    }

    static double[] mix(double[] a, double[] b, double t) {
        return new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t};
    }

    static double[] shifted(double[] a, double dx, double dy) {
        return new double[] {a[0] + dx, a[1] + dy};
    }
}
