package org.maskface.mask;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.maskface.face.Face;
import org.maskface.image.RgbImage;

/**
 * Synthetic occlusion of aligned faces (DESIGN.md §4). Each occluder is drawn with Java2D,
 * antialiased, on its own transparent layer placed from the 68 landmarks; the layer is shaded
 * with the face's own blurred lighting and a falloff towards its sides, then alpha-composited onto
 * the crop. The occlusion map is where a layer is more than half opaque.
 *
 * <p>Every random choice (category for {@link MaskCategory#MIXED}, shape, colour, print, scale
 * ±10 %, shift of a few pixels, mirroring) comes from one {@link Random} seeded with {@code seed},
 * so the same crop, landmarks, category and seed give byte-identical output.
 *
 * <p>Stateless and thread-safe.
 */
public final class MaskSynthesizer {
    /** Side of the aligned crop every method trains on (the ArcFace template). */
    public static final int CROP_SIZE = 112;

    /**
     * Layer pixels fainter than this (about 1/6) leave the face untouched: the antialiased fringe
     * stays soft, and no faint wisp changes pixels far from the occlusion map.
     */
    private static final int MIN_ALPHA = 40;

    private MaskSynthesizer() {
    }

    /**
     * Occludes an aligned crop.
     *
     * @param crop the 112×112 aligned face
     * @param landmarks the 68 landmarks in crop coordinates (see {@link #landmarksInCrop(Face)})
     * @param category what to draw; {@link MaskCategory#MIXED} draws a category from the seed
     * @param seed drives every random choice
     * @throws IllegalArgumentException for a crop that is not 112×112, or landmarks that are not
     *     68 finite points looking like an upright face in the crop
     */
    public static Masked synthesize(RgbImage crop, float[][] landmarks, MaskCategory category, long seed) {
        Objects.requireNonNull(category, "category");
        FaceGeometry face = checked(crop, landmarks);
        Random r = randomFor(seed);
        MaskCategory concrete = category.resolve(r);
        boolean mirror = r.nextBoolean();
        FaceGeometry f = mirror ? face.mirrored() : face;
        RgbImage base = mirror ? crop.flipHorizontal() : crop;
        List<Occluder> layers = switch (concrete) {
            case SIMPLE -> List.of(FaceMasks.create(f, randomShape(r), false, r));
            case COMPLEX -> List.of(FaceMasks.create(f, randomShape(r), true, r));
            case HUMAN_BODY -> List.of(bodyPart(f, base, r));
            case HYBRID -> hybrid(f, base, r);
            case MIXED -> throw new AssertionError("resolved above");
        };
        return render(base, f, layers, concrete, mirror, r);
    }

    /** A plain mask of one shape (the {@link MaskCategory#SIMPLE} category with the shape fixed). */
    public static Masked synthesize(RgbImage crop, float[][] landmarks, MaskShape shape, long seed) {
        Objects.requireNonNull(shape, "shape");
        FaceGeometry face = checked(crop, landmarks);
        Random r = randomFor(seed);
        boolean mirror = r.nextBoolean();
        FaceGeometry f = mirror ? face.mirrored() : face;
        RgbImage base = mirror ? crop.flipHorizontal() : crop;
        return render(base, f, List.of(FaceMasks.create(f, shape, false, r)), MaskCategory.SIMPLE, mirror, r);
    }

    /** Occludes the aligned crop of a detected face. */
    public static Masked synthesize(Face face, MaskCategory category, long seed) {
        Objects.requireNonNull(face, "face");
        return synthesize(face.aligned().crop(), landmarksInCrop(face), category, seed);
    }

    /** The face's 68 landmarks mapped from image pixels into its aligned crop. */
    public static float[][] landmarksInCrop(Face face) {
        float[][] in = face.landmarks();
        float[][] out = new float[in.length][];
        for (int i = 0; i < in.length; i++) {
            double[] p = face.aligned().imageToCrop().apply(in[i][0], in[i][1]);
            out[i] = new float[] {(float) p[0], (float) p[1]};
        }
        return out;
    }

    /**
     * A generator for {@code seed}. java.util.Random's first outputs for neighbouring seeds are
     * nearly equal (seeds 0..49 would almost all draw the same category), so the seed is first
     * scrambled with the SplitMix64 finaliser.
     */
    static Random randomFor(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    private static FaceGeometry checked(RgbImage crop, float[][] landmarks) {
        if (crop == null) {
            throw new IllegalArgumentException("crop is null; pass the 112x112 aligned face");
        }
        if (crop.width() != CROP_SIZE || crop.height() != CROP_SIZE) {
            throw new IllegalArgumentException("crop must be the " + CROP_SIZE + "x" + CROP_SIZE + " aligned face, got "
                    + crop.width() + "x" + crop.height());
        }
        return FaceGeometry.of(landmarks, crop.width(), crop.height());
    }

    private static MaskShape randomShape(Random r) {
        // surgical masks are the most common in photos, then cloth
        int k = r.nextInt(10);
        return k < 4 ? MaskShape.SURGICAL : k < 7 ? MaskShape.CLOTH : k < 9 ? MaskShape.KN95 : MaskShape.N95;
    }

    private static Occluder bodyPart(FaceGeometry f, RgbImage crop, Random r) {
        return r.nextBoolean() ? BodyOccluders.hand(f, cheekColour(crop, f), r) : BodyOccluders.hair(f, r);
    }

    private static List<Occluder> hybrid(FaceGeometry f, RgbImage crop, Random r) {
        List<Occluder> layers = new ArrayList<>();
        switch (r.nextInt(6)) {
            case 0, 1 -> {
                layers.add(FaceMasks.create(f, randomShape(r), r.nextBoolean(), r));
                layers.add(Eyewear.create(f, r.nextBoolean(), r));
            }
            case 2 -> {
                layers.add(bodyPart(f, crop, r));
                layers.add(Eyewear.create(f, r.nextBoolean(), r));
            }
            case 3 -> {
                layers.add(FaceMasks.create(f, randomShape(r), r.nextBoolean(), r));
                layers.add(BodyOccluders.hand(f, cheekColour(crop, f), r));
            }
            case 4 -> {
                layers.add(FaceMasks.create(f, randomShape(r), r.nextBoolean(), r));
                layers.add(BodyOccluders.hair(f, r));
            }
            default -> {
                layers.add(BodyOccluders.hair(f, r));
                layers.add(BodyOccluders.hand(f, cheekColour(crop, f), r));
            }
        }
        return layers;
    }

    /** Mean colour of two small patches on the cheeks, for a hand that matches the face's skin. */
    static Color cheekColour(RgbImage crop, FaceGeometry f) {
        long[] sum = new long[3];
        int n = 0;
        for (double[] c : new double[][] {Curves.mix(f.pt(2), f.pt(31), 0.5), Curves.mix(f.pt(14), f.pt(35), 0.5)}) {
            int cx = (int) Math.round(c[0]);
            int cy = (int) Math.round(c[1]);
            for (int y = cy - 2; y <= cy + 2; y++) {
                for (int x = cx - 2; x <= cx + 2; x++) {
                    if (x >= 0 && y >= 0 && x < crop.width() && y < crop.height()) {
                        for (int ch = 0; ch < 3; ch++) {
                            sum[ch] += crop.get(x, y, ch);
                        }
                        n++;
                    }
                }
            }
        }
        if (n == 0) {
            return new Color(200, 160, 130);
        }
        return new Color((int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n));
    }

    private static Masked render(RgbImage base, FaceGeometry f, List<Occluder> layers, MaskCategory category,
            boolean mirrored, Random r) {
        int w = base.width();
        int h = base.height();
        double[] light = blurredLuminance(base);
        byte[] out = base.data().clone();
        boolean[] map = new boolean[w * h];
        StringBuilder description = new StringBuilder();
        for (Occluder layer : layers) {
            AffineTransform jitter = new AffineTransform();
            if (layer.jitter()) {
                double scale = 0.9 + 0.2 * r.nextDouble();
                double dx = (r.nextDouble() - 0.5) * 6;
                double dy = (r.nextDouble() - 0.5) * 6;
                double ax = f.x(30);
                double ay = f.y(30);
                jitter.translate(ax + dx, ay + dy);
                jitter.scale(scale, scale);
                jitter.translate(-ax, -ay);
            }
            BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                // landmark (x, y) is the centre of pixel (x, y); Java2D puts pixel centres at +0.5
                g.translate(0.5, 0.5);
                g.transform(jitter);
                layer.painter().accept(g);
            } finally {
                g.dispose();
            }
            double centreX = jitter.transform(new java.awt.geom.Point2D.Double(layer.centreX(), f.y(30)), null).getX();
            double halfWidth = layer.halfWidth() * jitter.getScaleX();
            composite(canvas, out, map, light, layer, centreX, halfWidth, r.nextLong());
            if (description.length() > 0) {
                description.append(" + ");
            }
            description.append(layer.description());
        }
        RgbImage image = new RgbImage(w, h, out);
        if (mirrored) {
            image = image.flipHorizontal();
            map = flipped(map, w, h);
            // occluders were drawn on the mirrored face: name their sides as they appear now
            String sides = description.toString().replace("left", "\0").replace("right", "left").replace("\0", "right");
            description.setLength(0);
            description.append(sides).append(" (mirrored)");
        }
        return new Masked(image, map, Masked.fraction(map), category, description.toString());
    }

    /** Shades one layer and blends it over {@code rgb}; marks where it is more than half opaque. */
    private static void composite(BufferedImage layer, byte[] rgb, boolean[] map, double[] light, Occluder o,
            double centreX, double halfWidth, long grainSeed) {
        int w = layer.getWidth();
        int h = layer.getHeight();
        int[] argb = layer.getRGB(0, 0, w, h, null, 0, w);
        // reference brightness: the face's lighting averaged under the opaque part of the layer
        double sum = 0;
        int n = 0;
        for (int i = 0; i < argb.length; i++) {
            if ((argb[i] >>> 24) > 127) {
                sum += light[i];
                n++;
            }
        }
        double reference = n > 0 ? Math.max(1, sum / n) : 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int a = argb[i] >>> 24;
                if (a < MIN_ALPHA) {
                    continue;
                }
                double shade = Math.pow(Math.max(0.55, Math.min(1.35, light[i] / reference)), o.lighting());
                double u = Math.min(1, Math.abs(x - centreX) / Math.max(1, halfWidth));
                shade *= 1 - o.roundness() * u * u;
                // a faint per-pixel grain, as fabric and skin have; flat fills look pasted on
                shade *= 1 + GRAIN * (grain(grainSeed, x, y) - 0.5);
                double alpha = a / 255.0;
                for (int c = 0; c < 3; c++) {
                    int layerValue = (argb[i] >> (16 - 8 * c)) & 0xFF;
                    double shaded = Math.min(255, layerValue * shade);
                    double face = rgb[3 * i + c] & 0xFF;
                    rgb[3 * i + c] = (byte) Math.round(shaded * alpha + face * (1 - alpha));
                }
                if (a > 127) {
                    map[i] = true;
                }
            }
        }
    }

    /** Relative amplitude of the grain (±3 %). */
    private static final double GRAIN = 0.06;

    /** A deterministic value in [0, 1) for pixel (x, y): SplitMix64 of the seed and position. */
    private static double grain(long seed, int x, int y) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + x + 131L * y);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }

    /** Luminance blurred well beyond feature size: the face's lighting without its eyes and mouth. */
    private static double[] blurredLuminance(RgbImage img) {
        int w = img.width();
        int h = img.height();
        double[] lum = new double[w * h];
        byte[] d = img.data();
        for (int i = 0; i < lum.length; i++) {
            lum[i] = 0.299 * (d[3 * i] & 0xFF) + 0.587 * (d[3 * i + 1] & 0xFF) + 0.114 * (d[3 * i + 2] & 0xFF);
        }
        int radius = Math.max(2, w / 14);
        for (int pass = 0; pass < 2; pass++) {
            lum = boxBlur(lum, w, h, radius, true);
            lum = boxBlur(lum, w, h, radius, false);
        }
        return lum;
    }

    private static double[] boxBlur(double[] src, int w, int h, int radius, boolean horizontal) {
        double[] dst = new double[src.length];
        int lines = horizontal ? h : w;
        int len = horizontal ? w : h;
        for (int line = 0; line < lines; line++) {
            for (int k = 0; k < len; k++) {
                double sum = 0;
                int count = 0;
                for (int j = Math.max(0, k - radius); j <= Math.min(len - 1, k + radius); j++) {
                    sum += src[horizontal ? line * w + j : j * w + line];
                    count++;
                }
                dst[horizontal ? line * w + k : k * w + line] = sum / count;
            }
        }
        return dst;
    }

    private static boolean[] flipped(boolean[] map, int w, int h) {
        boolean[] out = new boolean[map.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + (w - 1 - x)] = map[y * w + x];
            }
        }
        return out;
    }
}
