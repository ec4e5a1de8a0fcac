package org.maskface.mask;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;

/** Glasses (frames only: a thin occlusion) and sunglasses (dark tinted lenses) over the eyes. */
final class Eyewear {
    private Eyewear() {
    }

    private static final Color[] FRAMES = {new Color(20, 20, 22), new Color(90, 55, 35), new Color(150, 150, 155),
        new Color(190, 160, 80), new Color(120, 30, 40), new Color(40, 50, 90)};

    static Occluder create(FaceGeometry f, boolean sunglasses, Random r) {
        double s = f.faceWidth() / 90.0;
        double[] le = f.eyeCentre(true);
        double[] re = f.eyeCentre(false);
        double roll = Math.atan2(re[1] - le[1], re[0] - le[0]);
        boolean round = r.nextInt(3) == 0;
        double widen = sunglasses ? 1.75 : 1.6;
        double lw = (f.eyeWidth(true) * widen) * (0.95 + 0.1 * r.nextDouble());
        double rw = (f.eyeWidth(false) * widen) * (0.95 + 0.1 * r.nextDouble());
        double aspect = (sunglasses ? 0.78 : 0.68) + 0.1 * r.nextDouble();
        double drop = 1.5 * s;
        Color frame = sunglasses && r.nextBoolean() ? FRAMES[0] : FRAMES[r.nextInt(FRAMES.length)];
        float stroke = (float) ((sunglasses ? 2.4 : 1.9 + 0.6 * r.nextDouble()) * s);
        Color tint = Color.getHSBColor(r.nextFloat(), r.nextFloat() * 0.5f, 0.08f + 0.15f * r.nextFloat());
        String what = (sunglasses ? "sunglasses" : "glasses") + (round ? ", round" : ", rectangular") + " frames";
        return new Occluder(what, g -> {
            g.rotate(roll, (le[0] + re[0]) / 2, (le[1] + re[1]) / 2);
            Shape left = lens(le[0], le[1] + drop, lw, lw * aspect, round);
            Shape right = lens(re[0], re[1] + drop, rw, rw * aspect, round);
            if (sunglasses) {
                for (Shape lensShape : new Shape[] {left, right}) {
                    java.awt.geom.Rectangle2D b = lensShape.getBounds2D();
                    g.setPaint(new GradientPaint(0f, (float) b.getMinY(), FaceMasks.withAlpha(tint, 245),
                            0f, (float) b.getMaxY(), FaceMasks.withAlpha(FaceMasks.scaled(tint, 2.2), 225)));
                    g.fill(lensShape);
                }
            }
            g.setColor(frame);
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(left);
            g.draw(right);
            double bridgeY = (le[1] + re[1]) / 2 + drop - lw * aspect * 0.2;
            double innerL = le[0] + lw / 2;
            double innerR = re[0] - rw / 2;
            g.draw(new QuadCurve2D.Double(innerL, bridgeY, (innerL + innerR) / 2, bridgeY - 3 * s, innerR, bridgeY));
            // temples run back to the ears; on a turned face the far one hides behind the head
            double outerL = le[0] - lw / 2;
            double outerR = re[0] + rw / 2;
            double templeY = le[1] + drop - lw * aspect * 0.25;
            g.draw(new Line2D.Double(outerL, templeY, Math.min(outerL, f.x(0) - 1 * s), templeY + 1 * s));
            g.draw(new Line2D.Double(outerR, templeY, Math.max(outerR, f.x(16) + 1 * s), templeY + 1 * s));
        }, 0.0, 0.0, f.x(27), f.faceWidth() / 2, false);
    }

    private static Shape lens(double cx, double cy, double w, double h, boolean round) {
        if (round) {
            return new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h);
        }
        return new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, w * 0.45, h * 0.6);
    }
}
