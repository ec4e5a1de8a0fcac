package org.maskface.mask;

import static org.maskface.mask.Curves.mix;
import static org.maskface.mask.Curves.pt;
import static org.maskface.mask.Curves.shifted;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Face masks (surgical, N95, KN95, cloth) shaped from the landmarks: top edge over the nose
 * bridge, sides just outside the jaw line, bottom under the chin. For a turned face the far side
 * hugs the (foreshortened) jaw line, the near side stands off it, and seams and folds follow the
 * nose rather than the crop's centre.
 */
final class FaceMasks {
    private FaceMasks() {
    }

    private static final Color[] SURGICAL_COLOURS = {new Color(137, 190, 226), new Color(160, 205, 232),
        new Color(236, 238, 240), new Color(38, 40, 44), new Color(232, 170, 190), new Color(150, 210, 190)};
    private static final Color[] RESPIRATOR_COLOURS = {new Color(238, 238, 232), new Color(245, 245, 245),
        new Color(225, 222, 212), new Color(40, 40, 42), new Color(120, 160, 205)};

    /** A mask of the given shape; plain colour, or printed when {@code printed}. */
    static Occluder create(FaceGeometry f, MaskShape shape, boolean printed, Random r) {
        double yaw = f.yaw();
        double scale = f.faceWidth() / 90.0;
        // The side the nose points to is the far side: the mask hugs it; the near side stands off.
        double nearOut = (2.5 + 2 * r.nextDouble()) * scale * (1 + 0.8 * Math.abs(yaw));
        double farOut = (2.5 + 2 * r.nextDouble()) * scale * Math.max(0.2, 1 - 1.5 * Math.abs(yaw));
        double leftOut = yaw > 0 ? nearOut : farOut;
        double rightOut = yaw > 0 ? farOut : nearOut;
        Color base = switch (shape) {
            case SURGICAL -> SURGICAL_COLOURS[r.nextInt(SURGICAL_COLOURS.length)];
            case N95, KN95 -> RESPIRATOR_COLOURS[r.nextInt(RESPIRATOR_COLOURS.length)];
            case CLOTH -> Textures.randomColour(r);
        };
        if (printed) {
            base = r.nextBoolean() ? Textures.randomColour(r) : base;
        }
        Outline o = outline(f, shape, leftOut, rightOut, r);
        Textures.Print print = printed ? Textures.choose(r) : null;
        long printSeed = r.nextLong();
        long detailSeed = r.nextLong();
        Color fill = base;
        Random details = new Random(detailSeed);
        boolean valve = shape == MaskShape.N95 && details.nextInt(3) == 0;
        boolean seam = shape == MaskShape.KN95 || (shape == MaskShape.CLOTH && details.nextBoolean());
        String description = shape.name().toLowerCase(Locale.ROOT) + " mask, "
                + (printed ? print.name().toLowerCase(Locale.ROOT) + " print on " + colourName(base) : colourName(base))
                + (o.underNose ? ", worn under the nose" : "") + (valve ? ", valve" : "") + (seam && shape == MaskShape.CLOTH ? ", seam" : "");
        double centreX = f.x(30) * 0.6 + f.x(8) * 0.4;
        double halfWidth = Math.max(10, (o.right[0] - o.left[0]) / 2);
        return new Occluder(description, g -> {
            g.setColor(fill);
            g.fill(o.shape);
            Composite over = g.getComposite();
            g.setComposite(AlphaComposite.SrcAtop);
            if (printed) {
                Textures.paint(g, o.shape.getBounds2D(), fill, print, new Random(printSeed));
            }
            details(g, f, shape, o, fill, seam, valve, new Random(detailSeed + 1));
            g.setComposite(over);
            loops(g, f, shape, o, fill, yaw);
        }, 0.55, shape == MaskShape.SURGICAL ? 0.22 : 0.32, centreX, halfWidth, true);
    }

    /** The mask's silhouette and the points its details hang on. */
    private record Outline(Path2D.Double shape, double[] left, double[] right, double[] top, double[] chin,
            double[] lowLeft, double[] lowRight, List<double[]> topEdge, boolean underNose) {
    }

    private static Outline outline(FaceGeometry f, MaskShape shape, double leftOut, double rightOut, Random r) {
        double s = f.faceWidth() / 90.0;
        double bridge = switch (shape) {
            case SURGICAL -> 0.45 + 0.15 * r.nextDouble();
            case N95 -> 0.3 + 0.15 * r.nextDouble();
            case KN95 -> 0.25 + 0.15 * r.nextDouble();
            case CLOTH -> 0.35 + 0.2 * r.nextDouble();
        };
        // people often wear surgical and cloth masks pulled down under the nose
        boolean underNose = (shape == MaskShape.SURGICAL || shape == MaskShape.CLOTH) && r.nextInt(4) == 0;
        double[] top = underNose ? f.lerp(30, 33, 0.6 + 0.4 * r.nextDouble()) : f.lerp(27, 30, bridge);
        double sideTop = underNose ? 2.6 : shape == MaskShape.SURGICAL ? 1.6 : 1.8;
        double[] left = f.jawOut(sideTop, leftOut);
        double[] right = f.jawOut(16 - sideTop, rightOut);
        double drop = (shape == MaskShape.KN95 ? 6 : shape == MaskShape.SURGICAL ? 5 : 3.5) * s;
        double[] chin = shifted(f.pt(8), 0, drop + r.nextDouble() * 2 * s);
        List<double[]> pts = new ArrayList<>();
        List<double[]> topEdge = new ArrayList<>();
        double nearNose = 0.55;
        switch (shape) {
            case SURGICAL -> {
                // nose wire: a gentle ridge over the nose, then almost straight to the ear loops
                topEdge.add(left);
                topEdge.add(shifted(mix(left, top, 0.5), 0, 1.5 * s));
                topEdge.add(shifted(mix(left, top, 0.85), 0, 0.5 * s));
                topEdge.add(top);
                topEdge.add(shifted(mix(right, top, 0.85), 0, 0.5 * s));
                topEdge.add(shifted(mix(right, top, 0.5), 0, 1.5 * s));
                topEdge.add(right);
            }
            case N95 -> {
                topEdge.add(left);
                topEdge.add(shifted(mix(left, top, 0.55), 0, -2.5 * s));
                topEdge.add(top);
                topEdge.add(shifted(mix(right, top, 0.55), 0, -2.5 * s));
                topEdge.add(right);
            }
            case KN95 -> {
                topEdge.add(left);
                topEdge.add(mix(left, top, nearNose));
                topEdge.add(top);
                topEdge.add(mix(right, top, nearNose));
                topEdge.add(right);
            }
            case CLOTH -> {
                topEdge.add(left);
                topEdge.add(shifted(mix(left, top, 0.5), 0, -1.0 * s));
                topEdge.add(top);
                topEdge.add(shifted(mix(right, top, 0.5), 0, -1.0 * s));
                topEdge.add(right);
            }
        }
        pts.addAll(topEdge);
        double rightStep = 16 - sideTop;
        // down the right jaw line, under the chin, up the left jaw line
        // jaw points strictly below the top corners, walked in order
        for (double j : new double[] {12.8, 12.5, 11}) {
            if (j < rightStep - 0.5) {
                pts.add(f.jawOut(j, rightOut));
            }
        }
        double[] lowRight = f.jawOut(10, rightOut);
        double[] lowLeft = f.jawOut(6, leftOut);
        if (shape == MaskShape.KN95) {
            pts.add(shifted(lowRight, 0, 2 * s));
            pts.add(chin);
            pts.add(shifted(lowLeft, 0, 2 * s));
        } else if (shape == MaskShape.SURGICAL) {
            pts.add(shifted(lowRight, 0, 3.5 * s));
            pts.add(shifted(mix(lowRight, chin, 0.6), 0, 1 * s));
            pts.add(chin);
            pts.add(shifted(mix(lowLeft, chin, 0.6), 0, 1 * s));
            pts.add(shifted(lowLeft, 0, 3.5 * s));
        } else {
            pts.add(shifted(lowRight, 0, 1.5 * s));
            pts.add(chin);
            pts.add(shifted(lowLeft, 0, 1.5 * s));
        }
        for (double j : new double[] {5, 3.5, 3.2}) {
            if (j > sideTop + 0.5) {
                pts.add(f.jawOut(j, leftOut));
            }
        }
        // KN95 is fold-flat: its apexes at the nose and chin are doubled so the spline keeps them sharp
        Path2D.Double shapePath = Curves.closed(shape == MaskShape.KN95 ? withSharpApexes(pts, topEdge.size()) : pts);
        return new Outline(shapePath, left, right, top, chin, lowLeft, lowRight, topEdge, underNose);
    }

    /** Doubles the top-centre and chin points (a repeated point makes a corner in the spline). */
    private static List<double[]> withSharpApexes(List<double[]> pts, int topCount) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get(i);
            out.add(p);
            boolean apex = i == topCount / 2 || i == topCount + 4;
            if (apex) {
                out.add(p);
            }
        }
        return out;
    }

    private static void details(Graphics2D g, FaceGeometry f, MaskShape shape, Outline o, Color base, boolean seam,
            boolean valve, Random r) {
        double s = f.faceWidth() / 90.0;
        Color dark = scaled(base, 0.72);
        Color light = scaled(base, 1.18);
        switch (shape) {
            case SURGICAL -> {
                // three pleats: a shadowed fold line with a lit crest just under it
                for (int k = 1; k <= 3; k++) {
                    double t = k / 4.0;
                    double[] a = mix(o.left, o.lowLeft, t);
                    double[] b = mix(o.right, o.lowRight, t);
                    double[] c = mix(o.top, o.chin, t * 0.85);
                    List<double[]> fold = List.of(shifted(a, -3, 0), mix(a, c, 0.5), c, mix(b, c, 0.5), shifted(b, 3, 0));
                    g.setStroke(new BasicStroke((float) (1.1 * s)));
                    g.setColor(withAlpha(dark, 150));
                    g.draw(Curves.open(fold));
                    g.setColor(withAlpha(light, 110));
                    g.draw(Curves.open(shift(fold, 1.3 * s)));
                }
                // bound edge
                g.setStroke(new BasicStroke((float) (3.0 * s)));
                g.setColor(withAlpha(light, 120));
                g.draw(o.shape);
            }
            case N95 -> {
                g.setStroke(new BasicStroke((float) (3.2 * s)));
                g.setColor(withAlpha(dark, 130));
                g.draw(o.shape);
                // moulded cup: a faint horizontal crease where the cup turns under the chin
                g.setStroke(new BasicStroke((float) (1.0 * s)));
                g.setColor(withAlpha(dark, 80));
                g.draw(Curves.open(List.of(mix(o.left, o.lowLeft, 0.7), mix(o.top, o.chin, 0.75),
                        mix(o.right, o.lowRight, 0.7))));
                if (valve) {
                    double[] c = mix(f.pt(r.nextBoolean() ? 4 : 12), f.pt(33), 0.45);
                    double rad = 5.5 * s;
                    g.setColor(new Color(70, 72, 78));
                    g.fill(new Ellipse2D.Double(c[0] - rad, c[1] - rad, 2 * rad, 2 * rad));
                    g.setColor(new Color(120, 124, 130));
                    g.setStroke(new BasicStroke((float) (0.9 * s)));
                    g.draw(new Ellipse2D.Double(c[0] - rad * 0.6, c[1] - rad * 0.6, 1.2 * rad, 1.2 * rad));
                }
            }
            case KN95 -> {
                g.setColor(withAlpha(dark, 170));
                g.setStroke(new BasicStroke((float) (1.0 * s)));
                g.draw(Curves.open(List.of(o.top, mix(f.pt(30), f.pt(51), 0.5), mix(f.pt(57), o.chin, 0.5), o.chin)));
                // welded border: a dotted line just inside the edge
                g.setStroke(new BasicStroke((float) (1.0 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {(float) (0.6 * s), (float) (1.6 * s)}, 0f));
                g.setColor(withAlpha(dark, 140));
                g.draw(insetOutline(o));
            }
            case CLOTH -> {
                if (seam) {
                    g.setColor(withAlpha(dark, 150));
                    g.setStroke(new BasicStroke((float) (1.0 * s)));
                    g.draw(Curves.open(List.of(o.top, mix(f.pt(30), f.pt(51), 0.5), mix(f.pt(57), o.chin, 0.5), o.chin)));
                }
                g.setStroke(new BasicStroke((float) (2.0 * s)));
                g.setColor(withAlpha(dark, 90));
                g.draw(o.shape);
            }
        }
    }

    /** Ear loops or straps running from the mask's corners towards the ears. */
    private static void loops(Graphics2D g, FaceGeometry f, MaskShape shape, Outline o, Color base, double yaw) {
        double s = f.faceWidth() / 90.0;
        Color colour = switch (shape) {
            case SURGICAL, KN95 -> base.getRed() + base.getGreen() + base.getBlue() < 200 ? base : new Color(242, 242, 240);
            case N95 -> new Color(230, 200, 90);
            case CLOTH -> scaled(base, 0.9);
        };
        g.setColor(colour);
        g.setStroke(new BasicStroke((float) ((shape == MaskShape.CLOTH ? 1.8 : 1.2) * s), BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        for (boolean leftSide : new boolean[] {true, false}) {
            // a loop on the far side is hidden behind the cheek
            boolean far = leftSide ? yaw < -0.2 : yaw > 0.2;
            if (far) {
                continue;
            }
            double[] upper = leftSide ? o.left : o.right;
            double[] lower = leftSide ? o.lowLeft : o.lowRight;
            double[] ear = shifted(f.pt(leftSide ? 0 : 16), (leftSide ? -2 : 2) * s, 0);
            g.draw(Curves.open(List.of(upper, mix(upper, ear, 0.6), ear)));
            g.draw(Curves.open(List.of(mix(lower, upper, 0.15), shifted(mix(lower, ear, 0.55), (leftSide ? -2 : 2) * s, 0),
                    shifted(ear, 0, 3 * s))));
        }
    }

    /** The outline shrunk about its centre by about 2 px: where a border seam runs. */
    private static java.awt.Shape insetOutline(Outline o) {
        java.awt.geom.Rectangle2D b = o.shape.getBounds2D();
        double k = 1 - 4.0 / Math.max(8, Math.min(b.getWidth(), b.getHeight()));
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        t.translate(b.getCenterX(), b.getCenterY());
        t.scale(k, k);
        t.translate(-b.getCenterX(), -b.getCenterY());
        return t.createTransformedShape(o.shape);
    }

    private static List<double[]> shift(List<double[]> pts, double dy) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : pts) {
            out.add(shifted(p, 0, dy));
        }
        return out;
    }

    static Color scaled(Color c, double k) {
        return new Color(clamp(c.getRed() * k), clamp(c.getGreen() * k), clamp(c.getBlue() * k));
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    static String colourName(Color c) {
        return String.format(Locale.ROOT, "colour #%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
