package org.maskface.mask;

import static org.maskface.mask.Curves.mix;
import static org.maskface.mask.Curves.pt;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;

/** The "human body" occluders: a hand over the mouth and chin, a lock of hair across the lower face. */
final class BodyOccluders {
    private BodyOccluders() {
    }

    /**
     * A hand laid across the mouth from one side: palm off the cheek, four fingers reaching across
     * the mouth, thumb up along the cheek. {@code skin} is the face's own cheek colour.
     */
    static Occluder hand(FaceGeometry f, Color skin, Random r) {
        double s = f.faceWidth() / 90.0;
        boolean fromLeft = r.nextBoolean();
        double dir = fromLeft ? 1 : -1;
        double mouthY = (f.y(51) + f.y(57)) / 2;
        // fingers pressed together from just under the nose to above the chin
        double top = f.y(33) + (mouthY - f.y(33)) * (0.0 + 0.35 * r.nextDouble());
        double bottom = f.y(8) - (f.y(8) - mouthY) * (0.1 + 0.3 * r.nextDouble());
        double pitch = (bottom - top) / 3.75;
        double fingerH = pitch * 1.15;
        double sideX = f.x(fromLeft ? 4 : 12);
        double farX = f.x(fromLeft ? 54 : 48) + dir * (f.dist(48, 54) * (0.1 + 0.6 * r.nextDouble()));
        double angle = dir * Math.toRadians(-8 + 20 * r.nextDouble());
        Color tone = FaceMasks.scaled(skin, 0.95 + 0.15 * r.nextDouble());
        double[] pivot = pt(sideX, (top + bottom) / 2);
        return new Occluder("hand from the " + (fromLeft ? "left" : "right") + ", " + FaceMasks.colourName(tone), g -> {
            AffineTransform saved = g.getTransform();
            g.rotate(angle, pivot[0], pivot[1]);
            Area hand = new Area();
            // index, middle, ring, little from top to bottom: the middle finger reaches furthest
            double[] reach = {0.92, 1.0, 0.93, 0.76};
            double[] thickness = {1.0, 1.02, 0.97, 0.85};
            double palmW = f.faceWidth() * 0.36;
            double palmH = (bottom - top) * 1.3;
            double palmCx = sideX - dir * palmW * 0.1;
            RoundRectangle2D[] fingers = new RoundRectangle2D[4];
            for (int k = 0; k < 4; k++) {
                double h = fingerH * thickness[k];
                double y = top + k * pitch + (fingerH - h) / 2;
                double len = Math.abs(farX - palmCx) * reach[k];
                double x = fromLeft ? palmCx : palmCx - len;
                fingers[k] = new RoundRectangle2D.Double(x, y, len, h, h * 0.9, h * 0.9);
                hand.add(new Area(fingers[k]));
            }
            Area palm = new Area(new Ellipse2D.Double(palmCx - palmW / 2, (top + bottom) / 2 - palmH / 2, palmW, palmH));
            hand.add(palm);
            // thumb: up along the cheek towards the nose
            double[] thumbBase = pt(palmCx + dir * palmW * 0.3, top + pitch * 0.3);
            // the thumb stops short of the eye, even after the ±10 % scale jitter
            double thumbLen = Math.max(4 * s, Math.min(20 * s, (thumbBase[1] - f.eyeBottom() - 6 * s) / Math.cos(Math.toRadians(35))));
            double thumbW = fingerH * 1.1;
            Area thumb = new Area(new RoundRectangle2D.Double(thumbBase[0] - thumbW / 2, thumbBase[1] - thumbLen,
                    thumbW, thumbLen + thumbW / 2, thumbW, thumbW));
            thumb.transform(AffineTransform.getRotateInstance(dir * Math.toRadians(35), thumbBase[0], thumbBase[1]));
            hand.add(thumb);
            g.setPaint(new GradientPaint((float) (palmCx - dir * palmW / 2), 0f, FaceMasks.scaled(tone, 0.88),
                    (float) farX, 0f, FaceMasks.scaled(tone, 1.04)));
            g.fill(hand);
            Composite over = g.getComposite();
            g.setComposite(AlphaComposite.SrcAtop);
            // each finger is round: lighter along its middle, darker towards its edges
            for (RoundRectangle2D finger : fingers) {
                float y0 = (float) finger.getMinY();
                float y1 = (float) finger.getMaxY();
                g.setPaint(new java.awt.LinearGradientPaint(0f, y0, 0f, y1, new float[] {0f, 0.45f, 1f},
                        new Color[] {FaceMasks.withAlpha(FaceMasks.scaled(tone, 0.7), 110),
                            FaceMasks.withAlpha(FaceMasks.scaled(tone, 1.12), 70),
                            FaceMasks.withAlpha(FaceMasks.scaled(tone, 0.65), 130)}));
                g.fill(finger);
            }
            // soft creases between the fingers and around the thumb, not cartoon outlines
            g.setStroke(new BasicStroke((float) (0.8 * s)));
            g.setColor(FaceMasks.withAlpha(FaceMasks.scaled(tone, 0.62), 110));
            for (int k = 1; k < 4; k++) {
                RoundRectangle2D finger = fingers[k];
                double y = finger.getY();
                double x0 = fromLeft ? palmCx + palmW * 0.25 : finger.getMinX() + finger.getHeight() * 0.3;
                double x1 = fromLeft ? finger.getMaxX() - finger.getHeight() * 0.3 : palmCx - palmW * 0.25;
                g.draw(new java.awt.geom.Line2D.Double(x0, y + 0.5 * s, x1, y + 0.5 * s));
            }
            g.draw(thumb);
            // nails at the finger tips
            g.setColor(FaceMasks.withAlpha(new Color(Math.min(255, tone.getRed() + 30), Math.min(255, tone.getGreen() + 18),
                    Math.min(255, tone.getBlue() + 18)), 130));
            for (RoundRectangle2D finger : fingers) {
                double nailW = finger.getHeight() * 0.7;
                double nx = fromLeft ? finger.getMaxX() - nailW - 0.8 * s : finger.getMinX() + 0.8 * s;
                g.fill(new RoundRectangle2D.Double(nx, finger.getY() + finger.getHeight() * 0.22, nailW,
                        finger.getHeight() * 0.56, nailW * 0.6, nailW * 0.6));
            }
            g.setComposite(over);
            g.setTransform(saved);
        }, 0.6, 0.1, (sideX + farX) / 2, Math.abs(farX - sideX) / 2 + 10, true);
    }

    private static final Color[] HAIR = {new Color(28, 22, 20), new Color(60, 40, 28), new Color(100, 68, 40),
        new Color(150, 110, 65), new Color(200, 165, 105), new Color(120, 50, 30), new Color(150, 150, 150)};

    /**
     * A lock of hair sweeping from one cheek across the mouth to the chin: many thin strands
     * around one curve. Every control point stays below the eyes, so the eyes stay clear.
     */
    static Occluder hair(FaceGeometry f, Random r) {
        double s = f.faceWidth() / 90.0;
        boolean fromLeft = r.nextBoolean();
        Color base = HAIR[r.nextInt(HAIR.length)];
        double floor = f.eyeBottom() + 4 * s;
        double[] start = pt(f.x(fromLeft ? 0 : 16) + (fromLeft ? -3 : 3) * s, floor);
        double[] end = mix(f.pt(8), f.pt(fromLeft ? 11 : 5), 0.3 + 0.6 * r.nextDouble());
        double[] c1 = mix(start, f.pt(fromLeft ? 31 : 35), 0.6 + 0.3 * r.nextDouble());
        double[] c2 = mix(f.pt(fromLeft ? 54 : 48), f.pt(57), r.nextDouble());
        c1[1] = Math.max(c1[1], floor);
        double band = (12 + 8 * r.nextDouble()) * s;
        int strands = 60 + r.nextInt(30);
        long strandSeed = r.nextLong();
        double sweep = Math.max(1e-6, Math.hypot(end[0] - start[0], end[1] - start[1]));
        double[] normal = {-(end[1] - start[1]) / sweep, (end[0] - start[0]) / sweep};
        return new Occluder("lock of hair from the " + (fromLeft ? "left" : "right") + ", " + FaceMasks.colourName(base), g -> {
            Random sr = new Random(strandSeed);
            for (int i = 0; i < strands; i++) {
                double u = Math.max(-1.2, Math.min(1.2, sr.nextGaussian() * 0.45));
                double off = u * band;
                // offsets across the lock (perpendicular to its sweep), fanning out towards the tips
                double[] a = across(start, normal, off * 0.4, floor, sr.nextGaussian() * 2 * s, 0);
                double[] b = across(c1, normal, off * 0.7, floor, 0, 0);
                double[] c = across(c2, normal, off * 0.9, floor, 0, 0);
                double[] d = across(end, normal, off * 1.1, floor, sr.nextGaussian() * 4 * s, sr.nextGaussian() * 4 * s);
                // the first strands lie underneath, in the lock's shadow; later ones catch the light
                double depth = (double) i / strands;
                double shade = 0.55 + 0.35 * depth + 0.35 * sr.nextDouble();
                // opaque strands at least 1.2 px wide, so what a strand changes is also in the map
                g.setColor(FaceMasks.scaled(base, shade));
                g.setStroke(new BasicStroke((float) ((1.2 + 1.2 * sr.nextDouble()) * s), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                g.draw(new CubicCurve2D.Double(a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1]));
            }
        }, 0.5, 0.0, f.x(30), f.faceWidth() / 2, true);
    }

    /** p moved {@code off} along {@code normal} plus a little noise, kept below {@code floor}. */
    private static double[] across(double[] p, double[] normal, double off, double floor, double jitterX, double jitterY) {
        return pt(p[0] + normal[0] * off + jitterX, Math.max(floor, p[1] + normal[1] * off + jitterY));
    }
}
