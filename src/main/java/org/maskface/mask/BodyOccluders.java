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
        double top = f.y(33) + (mouthY - f.y(33)) * (0.1 + 0.3 * r.nextDouble());
        double bottom = f.y(8) - (f.y(8) - mouthY) * (0.05 + 0.3 * r.nextDouble());
        double fingerH = (bottom - top) / 4 * 1.08;
        double sideX = f.x(fromLeft ? 3 : 13);
        double farX = f.x(fromLeft ? 54 : 48) + dir * (f.dist(48, 54) * (0.1 + 0.5 * r.nextDouble()));
        double angle = Math.toRadians((r.nextDouble() - 0.5) * 30);
        Color tone = FaceMasks.scaled(skin, 0.92 + 0.16 * r.nextDouble());
        double[] pivot = pt(sideX, (top + bottom) / 2);
        return new Occluder("hand from the " + (fromLeft ? "left" : "right") + ", " + FaceMasks.colourName(tone), g -> {
            AffineTransform saved = g.getTransform();
            g.rotate(angle, pivot[0], pivot[1]);
            Area hand = new Area();
            // index, middle, ring, little: the middle finger reaches furthest
            double[] reach = {0.93, 1.0, 0.9, 0.72};
            RoundRectangle2D[] fingers = new RoundRectangle2D[4];
            for (int k = 0; k < 4; k++) {
                double y = top + k * fingerH * 0.93;
                double len = Math.abs(farX - sideX) * reach[k];
                double h = fingerH * (k == 3 ? 0.85 : 1.0);
                double x = fromLeft ? sideX : sideX - len;
                fingers[k] = new RoundRectangle2D.Double(x, y, len, h, h, h);
                hand.add(new Area(fingers[k]));
            }
            double palmW = 26 * s;
            double palmH = (bottom - top) * 1.25;
            double palmX = fromLeft ? sideX - palmW * 0.75 : sideX - palmW * 0.25;
            hand.add(new Area(new Ellipse2D.Double(palmX, top - palmH * 0.05, palmW, palmH)));
            // thumb: up along the cheek towards the nose
            double[] thumbBase = pt(sideX + dir * 4 * s, top + fingerH * 0.4);
            double thumbLen = 22 * s;
            double thumbW = fingerH * 1.05;
            Area thumb = new Area(new RoundRectangle2D.Double(thumbBase[0] - thumbW / 2, thumbBase[1] - thumbLen,
                    thumbW, thumbLen, thumbW, thumbW));
            thumb.transform(AffineTransform.getRotateInstance(dir * Math.toRadians(25), thumbBase[0], thumbBase[1]));
            hand.add(thumb);
            g.setPaint(new GradientPaint((float) sideX, 0f, FaceMasks.scaled(tone, 0.85),
                    (float) farX, 0f, FaceMasks.scaled(tone, 1.05)));
            g.fill(hand);
            Composite over = g.getComposite();
            g.setComposite(AlphaComposite.SrcAtop);
            g.setStroke(new BasicStroke((float) (0.9 * s)));
            g.setColor(FaceMasks.withAlpha(FaceMasks.scaled(tone, 0.6), 160));
            for (RoundRectangle2D finger : fingers) {
                g.draw(finger);
            }
            g.draw(thumb);
            // nails at the finger tips
            g.setColor(FaceMasks.withAlpha(FaceMasks.scaled(new Color(
                    Math.min(255, tone.getRed() + 25), tone.getGreen(), tone.getBlue()), 1.1), 150));
            for (RoundRectangle2D finger : fingers) {
                double nailW = finger.getHeight() * 0.75;
                double nx = fromLeft ? finger.getMaxX() - nailW - 1 * s : finger.getMinX() + 1 * s;
                g.fill(new RoundRectangle2D.Double(nx, finger.getY() + finger.getHeight() * 0.2, nailW,
                        finger.getHeight() * 0.6, nailW * 0.6, nailW * 0.6));
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
        double[] start = pt(f.x(fromLeft ? 1 : 15), Math.max(floor, f.y(fromLeft ? 1 : 15)));
        double[] end = mix(f.pt(8), f.pt(fromLeft ? 11 : 5), 0.3 + 0.6 * r.nextDouble());
        double[] c1 = mix(start, f.pt(fromLeft ? 31 : 35), 0.6 + 0.3 * r.nextDouble());
        double[] c2 = mix(f.pt(fromLeft ? 54 : 48), f.pt(57), r.nextDouble());
        c1[1] = Math.max(c1[1], floor);
        double band = (11 + 7 * r.nextDouble()) * s;
        int strands = 45 + r.nextInt(25);
        long strandSeed = r.nextLong();
        return new Occluder("lock of hair from the " + (fromLeft ? "left" : "right") + ", " + FaceMasks.colourName(base), g -> {
            Random sr = new Random(strandSeed);
            for (int i = 0; i < strands; i++) {
                double u = sr.nextGaussian() * 0.45;
                double off = u * band;
                // strands fan out towards their ends and never rise above the eyes
                double[] a = pt(start[0] + sr.nextGaussian() * 2 * s, Math.max(floor, start[1] + off * 0.4));
                double[] b = pt(c1[0] + off * 0.4, Math.max(floor, c1[1] + off));
                double[] c = pt(c2[0] + off * 0.6, Math.max(floor, c2[1] + off * 0.8));
                double[] d = pt(end[0] + off * 0.8 + sr.nextGaussian() * 3 * s, Math.max(floor, end[1] + off * 0.5));
                double shade = 0.75 + 0.5 * sr.nextDouble();
                g.setColor(FaceMasks.withAlpha(FaceMasks.scaled(base, shade), 200 + sr.nextInt(56)));
                g.setStroke(new BasicStroke((float) ((1.0 + 1.4 * sr.nextDouble()) * s), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                g.draw(new CubicCurve2D.Double(a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1]));
            }
        }, 0.5, 0.0, f.x(30), f.faceWidth() / 2, true);
    }
}
