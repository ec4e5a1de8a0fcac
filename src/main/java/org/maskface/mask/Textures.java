package org.maskface.mask;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Random;

/**
 * Procedural prints for the "complex" category. Painted with the SRC_ATOP composite by the caller,
 * so a print lands only on the mask already drawn and keeps its antialiased edge.
 */
final class Textures {
    private Textures() {
    }

    enum Print {
        STRIPES, CHECKS, DOTS, FLORAL, CAMOUFLAGE, LOGO
    }

    static Print choose(Random r) {
        return Print.values()[r.nextInt(Print.values().length)];
    }

    /** Paints {@code print} over {@code area}, its colours and layout drawn from {@code r}. */
    static void paint(Graphics2D g, Rectangle2D area, Color base, Print print, Random r) {
        switch (print) {
            case STRIPES -> stripes(g, area, base, r);
            case CHECKS -> checks(g, area, base, r);
            case DOTS -> dots(g, area, r);
            case FLORAL -> floral(g, area, r);
            case CAMOUFLAGE -> camouflage(g, area, base, r);
            case LOGO -> logo(g, area, base, r);
            default -> throw new AssertionError(print);
        }
    }

    static Color randomColour(Random r) {
        return Color.getHSBColor(r.nextFloat(), 0.35f + 0.6f * r.nextFloat(), 0.3f + 0.65f * r.nextFloat());
    }

    /** A colour clearly different from {@code c} (opposite hue or brightness). */
    static Color contrasting(Color c, Random r) {
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        float hue = (hsb[0] + 0.3f + 0.4f * r.nextFloat()) % 1f;
        float bright = hsb[2] > 0.55f ? 0.15f + 0.3f * r.nextFloat() : 0.75f + 0.25f * r.nextFloat();
        return Color.getHSBColor(hue, 0.2f + 0.7f * r.nextFloat(), bright);
    }

    private static void stripes(Graphics2D g, Rectangle2D a, Color base, Random r) {
        Color c = contrasting(base, r);
        double period = 4 + r.nextDouble() * 6;
        double width = period * (0.3 + 0.3 * r.nextDouble());
        double angle = r.nextInt(3) == 0 ? Math.PI / 2 : (r.nextDouble() - 0.5) * Math.PI * 0.6;
        AffineTransform saved = g.getTransform();
        g.rotate(angle, a.getCenterX(), a.getCenterY());
        g.setColor(c);
        double reach = Math.hypot(a.getWidth(), a.getHeight());
        for (double y = a.getCenterY() - reach; y < a.getCenterY() + reach; y += period) {
            g.fill(new Rectangle2D.Double(a.getCenterX() - reach, y, 2 * reach, width));
        }
        g.setTransform(saved);
    }

    private static void checks(Graphics2D g, Rectangle2D a, Color base, Random r) {
        Color c = contrasting(base, r);
        Color band = new Color(c.getRed(), c.getGreen(), c.getBlue(), 120);
        double period = 6 + r.nextDouble() * 8;
        double width = period / 2;
        g.setColor(band);
        // overlapping translucent bands: a gingham/tartan look with darker crossings
        for (double x = a.getMinX() - period * r.nextDouble(); x < a.getMaxX(); x += period) {
            g.fill(new Rectangle2D.Double(x, a.getMinY(), width, a.getHeight()));
        }
        for (double y = a.getMinY() - period * r.nextDouble(); y < a.getMaxY(); y += period) {
            g.fill(new Rectangle2D.Double(a.getMinX(), y, a.getWidth(), width));
        }
        if (r.nextBoolean()) {
            g.setColor(contrasting(c, r));
            g.setStroke(new BasicStroke(0.8f));
            for (double x = a.getMinX() + width * 1.5; x < a.getMaxX(); x += period) {
                g.draw(new Line2D.Double(x, a.getMinY(), x, a.getMaxY()));
            }
        }
    }

    private static void dots(Graphics2D g, Rectangle2D a, Random r) {
        g.setColor(randomColour(r));
        double period = 5 + r.nextDouble() * 6;
        double radius = period * (0.15 + 0.15 * r.nextDouble());
        int row = 0;
        for (double y = a.getMinY(); y < a.getMaxY() + period; y += period * 0.87, row++) {
            double offset = (row % 2) * period / 2;
            for (double x = a.getMinX() - offset; x < a.getMaxX() + period; x += period) {
                g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
            }
        }
    }

    private static void floral(Graphics2D g, Rectangle2D a, Random r) {
        Color petal = randomColour(r);
        Color heart = contrasting(petal, r);
        Color leaf = Color.getHSBColor(0.25f + 0.12f * r.nextFloat(), 0.6f, 0.35f + 0.3f * r.nextFloat());
        int flowers = (int) (a.getWidth() * a.getHeight() / 90) + 4;
        for (int i = 0; i < flowers; i++) {
            double cx = a.getMinX() + r.nextDouble() * a.getWidth();
            double cy = a.getMinY() + r.nextDouble() * a.getHeight();
            double size = 2.5 + r.nextDouble() * 3.5;
            double turn = r.nextDouble() * Math.PI;
            g.setColor(leaf);
            g.fill(ellipseAt(cx + size * 1.3 * Math.cos(turn + 2), cy + size * 1.3 * Math.sin(turn + 2),
                    size * 1.1, size * 0.45, turn + 2));
            g.setColor(petal);
            for (int k = 0; k < 5; k++) {
                double t = turn + k * 2 * Math.PI / 5;
                g.fill(ellipseAt(cx + size * 0.6 * Math.cos(t), cy + size * 0.6 * Math.sin(t), size * 0.6, size * 0.38, t));
            }
            g.setColor(heart);
            g.fill(new Ellipse2D.Double(cx - size * 0.3, cy - size * 0.3, size * 0.6, size * 0.6));
        }
    }

    private static void camouflage(Graphics2D g, Rectangle2D a, Color base, Random r) {
        float hue = r.nextBoolean() ? 0.22f + 0.1f * r.nextFloat() : r.nextFloat();
        Color[] tones = {Color.getHSBColor(hue, 0.45f, 0.25f), Color.getHSBColor(hue + 0.05f, 0.4f, 0.45f),
            Color.getHSBColor(hue - 0.05f, 0.3f, 0.6f)};
        int blobs = (int) (a.getWidth() * a.getHeight() / 60) + 6;
        for (int i = 0; i < blobs; i++) {
            g.setColor(tones[r.nextInt(tones.length)]);
            double cx = a.getMinX() + r.nextDouble() * a.getWidth();
            double cy = a.getMinY() + r.nextDouble() * a.getHeight();
            Path2D.Double blob = new Path2D.Double();
            int corners = 6;
            java.util.List<double[]> pts = new java.util.ArrayList<>();
            for (int k = 0; k < corners; k++) {
                double t = k * 2 * Math.PI / corners;
                double rad = 3 + r.nextDouble() * 5;
                pts.add(Curves.pt(cx + rad * 1.4 * Math.cos(t), cy + rad * Math.sin(t)));
            }
            blob.append(Curves.closed(pts), false);
            g.fill(blob);
        }
    }

    /** A simple made-up emblem (ring with a star) on one cheek, over a plain base. */
    private static void logo(Graphics2D g, Rectangle2D a, Color base, Random r) {
        Color c = contrasting(base, r);
        double size = Math.min(a.getWidth(), a.getHeight()) * (0.22 + 0.1 * r.nextDouble());
        double cx = a.getCenterX() + (r.nextBoolean() ? 1 : -1) * a.getWidth() * (0.18 + 0.08 * r.nextDouble());
        double cy = a.getCenterY() + a.getHeight() * (0.05 * r.nextDouble());
        g.setColor(c);
        g.setStroke(new BasicStroke((float) (size * 0.1)));
        g.draw(new Ellipse2D.Double(cx - size / 2, cy - size / 2, size, size));
        Path2D.Double star = new Path2D.Double();
        int spikes = 4 + r.nextInt(3);
        for (int k = 0; k < 2 * spikes; k++) {
            double t = -Math.PI / 2 + k * Math.PI / spikes;
            double rad = (k % 2 == 0 ? 0.38 : 0.16) * size;
            if (k == 0) {
                star.moveTo(cx + rad * Math.cos(t), cy + rad * Math.sin(t));
            } else {
                star.lineTo(cx + rad * Math.cos(t), cy + rad * Math.sin(t));
            }
        }
        star.closePath();
        g.fill(star);
    }

    static java.awt.Shape ellipseAt(double cx, double cy, double rx, double ry, double angle) {
        Ellipse2D.Double e = new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
        return AffineTransform.getRotateInstance(angle, cx, cy).createTransformedShape(e);
    }
}
