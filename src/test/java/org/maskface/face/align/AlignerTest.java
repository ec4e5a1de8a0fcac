package org.maskface.face.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maskface.image.RgbImage;

/**
 * Aligns a synthetic face drawn analytically (not with ImageWarp) at a known rotation, scale and
 * shift, and measures where the features land in the aligned crop's pixels.
 */
class AlignerTest {
    private static final FaceTemplate T = FaceTemplate.ARCFACE_112;
    private static final int CANVAS_W = 300;
    private static final int CANVAS_H = 260;
    private static final int BACKGROUND = 200;
    private static final int INK = 20;
    private static final double EYE_RADIUS = 5.0;  // template pixels
    private static final double DOT_RADIUS = 2.5;   // nose tip and mouth corners

    /** Template → canvas: scale 1.7, rotation 25°, template centre to canvas centre. */
    private static final SimilarityTransform TEMPLATE_TO_CANVAS = placeTemplate(1.7, 25, 150, 130);

    private static RgbImage canvas;
    private static double[][] landmarks68;

    private static SimilarityTransform placeTemplate(double scale, double degrees, double cx, double cy) {
        SimilarityTransform linear = SimilarityTransform.of(scale, degrees, 0, 0);
        double[] c = linear.apply(56, 56);
        return SimilarityTransform.of(scale, degrees, cx - c[0], cy - c[1]);
    }

    /** Ink coverage of template point (u, v): 1 inside a feature disc, 0 outside. */
    private static boolean inked(double u, double v) {
        double[][] p = T.points();
        for (int i = 0; i < 5; i++) {
            double r = i < 2 ? EYE_RADIUS : DOT_RADIUS;
            double du = u - p[i][0];
            double dv = v - p[i][1];
            if (du * du + dv * dv <= r * r) {
                return true;
            }
        }
        return false;
    }

    @BeforeAll
    static void drawFace() {
        // each canvas pixel (centre at integer coordinates) is averaged over 8x8 sub-samples
        SimilarityTransform canvasToTemplate = TEMPLATE_TO_CANVAS.inverse();
        int n = 8;
        byte[] rgb = new byte[CANVAS_W * CANVAS_H * 3];
        for (int y = 0; y < CANVAS_H; y++) {
            for (int x = 0; x < CANVAS_W; x++) {
                int hits = 0;
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < n; i++) {
                        double[] q = canvasToTemplate.apply(x - 0.5 + (i + 0.5) / n, y - 0.5 + (j + 0.5) / n);
                        if (inked(q[0], q[1])) {
                            hits++;
                        }
                    }
                }
                double coverage = hits / (double) (n * n);
                int v = (int) Math.round(BACKGROUND + coverage * (INK - BACKGROUND));
                int o = (y * CANVAS_W + x) * 3;
                rgb[o] = (byte) v;
                rgb[o + 1] = (byte) v;
                rgb[o + 2] = (byte) v;
            }
        }
        canvas = new RgbImage(CANVAS_W, CANVAS_H, rgb);

        // a fake 68-point set in canvas coordinates: six points on a circle round each eye
        // (their mean is the eye centre), nose tip 30, mouth corners 48 and 54, the rest junk
        double[][] tpl = T.points();
        double[][] pts = new double[68][];
        for (int i = 0; i < 68; i++) {
            pts[i] = TEMPLATE_TO_CANVAS.apply(56 + (i % 7), 20 + i);
        }
        for (int k = 0; k < 6; k++) {
            double angle = Math.PI * k / 3 + 0.3;
            pts[36 + k] = TEMPLATE_TO_CANVAS.apply(tpl[0][0] + 6 * Math.cos(angle), tpl[0][1] + 3 * Math.sin(angle));
            pts[42 + k] = TEMPLATE_TO_CANVAS.apply(tpl[1][0] + 6 * Math.cos(angle), tpl[1][1] + 3 * Math.sin(angle));
        }
        pts[30] = TEMPLATE_TO_CANVAS.apply(tpl[2][0], tpl[2][1]);
        pts[48] = TEMPLATE_TO_CANVAS.apply(tpl[3][0], tpl[3][1]);
        pts[54] = TEMPLATE_TO_CANVAS.apply(tpl[4][0], tpl[4][1]);
        landmarks68 = pts;
    }

    /** Ink-weighted centroid of the red channel in a window of ±radius around (cx, cy). */
    static double[] darkCentroid(RgbImage img, double cx, double cy, int radius) {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        for (int y = (int) Math.round(cy) - radius; y <= (int) Math.round(cy) + radius; y++) {
            for (int x = (int) Math.round(cx) - radius; x <= (int) Math.round(cx) + radius; x++) {
                double weight = Math.max(0, BACKGROUND - img.get(x, y, 0));
                sw += weight;
                sx += weight * x;
                sy += weight * y;
            }
        }
        assertTrue(sw > 0, "no dark blob near " + cx + "," + cy);
        return new double[] {sx / sw, sy / sw};
    }

    @Test
    void featuresLandOnTheTemplateInTheAlignedPixels() {
        AlignedFace face = new Aligner().align(canvas, landmarks68);
        RgbImage crop = face.crop();
        assertEquals(112, crop.width());
        assertEquals(112, crop.height());
        double[][] tpl = T.points();
        int[] windows = {9, 9, 5, 5, 5};
        for (int i = 0; i < 5; i++) {
            double[] c = darkCentroid(crop, tpl[i][0], tpl[i][1], windows[i]);
            double err = Math.hypot(c[0] - tpl[i][0], c[1] - tpl[i][1]);
            System.out.printf("aligned feature %d: centroid (%.3f, %.3f), template (%.3f, %.3f), error %.3f px%n",
                    i, c[0], c[1], tpl[i][0], tpl[i][1], err);
            // the requirement is 1 px; 0.25 px also catches a half-pixel convention slip
            assertTrue(err < 0.25, "feature " + i + " off by " + err + " px");
        }
        // the estimated transform is the inverse of the drawing transform
        assertTrue(face.imageToCrop().toAffine().approxEquals(TEMPLATE_TO_CANVAS.inverse().toAffine(), 1e-9));
        assertEquals(1 / 1.7, face.imageToCrop().scale(), 1e-9);
        assertEquals(-25, face.imageToCrop().rotationDegrees(), 1e-7);
        assertEquals(0, face.fitErrorRms(), 1e-9);
        assertArrayEquals(TEMPLATE_TO_CANVAS.apply(tpl[0][0], tpl[0][1]), face.sourcePoints().leftEye(), 1e-9);
    }

    @Test
    void floatLandmarksGiveTheSameAlignment() {
        float[][] f = new float[68][];
        for (int i = 0; i < 68; i++) {
            f[i] = new float[] {(float) landmarks68[i][0], (float) landmarks68[i][1]};
        }
        AlignedFace a = new Aligner().align(canvas, f);
        assertTrue(a.imageToCrop().toAffine().approxEquals(TEMPLATE_TO_CANVAS.inverse().toAffine(), 1e-4));
    }

    @Test
    void renderingTheCropRegionReproducesTheCrop() {
        AlignedFace face = new Aligner().align(canvas, landmarks68);
        assertArrayEquals(face.crop().data(), face.renderSquare(55.5, 55.5, 112, 112).data());
        assertArrayEquals(face.crop().data(), face.render(Affine2D.IDENTITY, 112, 112).data());
    }

    @Test
    void largerChipSamplesTheOriginalImageDirectly() {
        AlignedFace face = new Aligner().align(canvas, landmarks68);
        // a 150x150 chip showing the template square of side 140 (14 px margin round the crop)
        Affine2D templateToChip = Aligner.squareView(55.5, 55.5, 140, 150);
        RgbImage chip = face.renderSquare(55.5, 55.5, 140, 150);
        assertEquals(150, chip.width());
        // one interpolation from the source, not a resample of the crop
        Affine2D direct = face.imageToCrop().toAffine().then(templateToChip);
        assertArrayEquals(ImageWarp.warp(canvas, direct, 150, 150).data(), chip.data());
        // the features are where the view map says
        double[][] tpl = T.points();
        for (int i = 0; i < 2; i++) {
            double[] expected = templateToChip.apply(tpl[i][0], tpl[i][1]);
            double[] c = darkCentroid(chip, expected[0], expected[1], 11);
            assertTrue(Math.hypot(c[0] - expected[0], c[1] - expected[1]) < 1.0, "eye " + i + " in the chip");
        }
        // the template edge maps onto the chip edge
        assertArrayEquals(new double[] {-0.5, -0.5}, Aligner.squareView(55.5, 55.5, 112, 150).apply(-0.5, -0.5), 1e-12);
        assertArrayEquals(new double[] {149.5, 149.5}, Aligner.squareView(55.5, 55.5, 112, 150).apply(111.5, 111.5), 1e-12);
    }

    @Test
    void cropPointsAreTheTemplateWhenTheFitIsExact() {
        AlignedFace face = new Aligner().align(canvas, landmarks68);
        double[][] cropPoints = face.cropPoints().toArray();
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(T.point(i), cropPoints[i], 1e-9);
        }
    }
}
