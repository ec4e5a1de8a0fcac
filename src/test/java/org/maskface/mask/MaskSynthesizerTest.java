package org.maskface.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.maskface.image.RgbImage;

class MaskSynthesizerTest {

    @ParameterizedTest
    @EnumSource(MaskCategory.class)
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot(MaskCategory category) {
        SampleFaces.Sample s = SampleFaces.first();
        Masked a = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), category, 42);
        Masked b = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), category, 42);
        assertArrayEquals(a.image().data(), b.image().data());
        assertArrayEquals(a.occlusion(), b.occlusion());
        assertEquals(a.description(), b.description());
        Masked c = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), category, 43);
        assertFalse(Arrays.equals(a.image().data(), c.image().data()), "seeds 42 and 43 drew the same image");
    }

    @Test
    void theInputCropIsNotModified() {
        SampleFaces.Sample s = SampleFaces.first();
        byte[] before = s.crop().data().clone();
        MaskSynthesizer.synthesize(s.crop(), s.landmarks(), MaskCategory.HYBRID, 7);
        assertArrayEquals(before, s.crop().data());
    }

    /**
     * The map is the occluder: pixels more than 2 px from it are untouched (only the faint
     * antialiased fringe may change), and nearly all pixels inside it changed.
     */
    @ParameterizedTest
    @EnumSource(value = MaskCategory.class, names = {"SIMPLE", "COMPLEX", "HUMAN_BODY", "HYBRID"})
    void mapAndImageAgree(MaskCategory category) {
        for (SampleFaces.Sample s : SampleFaces.all().subList(0, 3)) {
            for (long seed = 0; seed < 8; seed++) {
                Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), category, seed);
                boolean[] near = dilate(m.occlusion(), m.width(), m.height(), 2);
                int inside = 0;
                int changedInside = 0;
                for (int y = 0; y < m.height(); y++) {
                    for (int x = 0; x < m.width(); x++) {
                        boolean changed = changed(s.crop(), m.image(), x, y);
                        if (m.occluded(x, y)) {
                            inside++;
                            changedInside += changed ? 1 : 0;
                        } else if (!near[y * m.width() + x]) {
                            assertFalse(changed, s.name() + " seed " + seed + ": pixel (" + x + ", " + y
                                    + ") changed far from the map: " + m.description());
                        }
                    }
                }
                assertTrue(inside > 0, "empty map: " + m.description());
                assertTrue(changedInside >= 0.9 * inside, s.name() + " seed " + seed + ": only " + changedInside + " of "
                        + inside + " occluded pixels changed: " + m.description());
                assertEquals((double) inside / (m.width() * m.height()), m.coverage(), 1e-12);
            }
        }
    }

    /**
     * Masks, hands and hair stay on the lower face: nothing over the eyes or above them between
     * the outer eye corners (ear loops and straps may rise to the ears at the sides; eyewear is
     * hybrid only).
     */
    @ParameterizedTest
    @EnumSource(value = MaskCategory.class, names = {"SIMPLE", "COMPLEX", "HUMAN_BODY"})
    void lowerFaceCategoriesLeaveTheEyesClear(MaskCategory category) {
        for (SampleFaces.Sample s : SampleFaces.all()) {
            double eyeBottom = 0;
            for (int i = 36; i < 48; i++) {
                eyeBottom = Math.max(eyeBottom, s.landmarks()[i][1]);
            }
            int fromX = Math.round(s.landmarks()[36][0]);
            int toX = Math.round(s.landmarks()[45][0]);
            for (long seed = 0; seed < 10; seed++) {
                Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), category, seed);
                for (int y = 0; y <= (int) eyeBottom; y++) {
                    for (int x = fromX; x <= toX; x++) {
                        assertFalse(m.occluded(x, y), s.name() + " seed " + seed + ": occluded (" + x + ", " + y
                                + ") over or above the eyes (bottom at y=" + eyeBottom + "): " + m.description());
                    }
                }
            }
        }
    }

    @Test
    void hybridsSometimesCoverTheEyes() {
        SampleFaces.Sample s = SampleFaces.first();
        int eyeRow = Math.round((s.landmarks()[37][1] + s.landmarks()[40][1] + s.landmarks()[43][1]
                + s.landmarks()[46][1]) / 4);
        int withEyewear = 0;
        for (long seed = 0; seed < 30; seed++) {
            Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), MaskCategory.HYBRID, seed);
            boolean describedEyewear = m.description().contains("glasses");
            boolean eyeRowOccluded = false;
            for (int y = eyeRow - 2; y <= eyeRow + 2; y++) {
                for (int x = Math.round(s.landmarks()[36][0]); x <= Math.round(s.landmarks()[45][0]); x++) {
                    eyeRowOccluded |= m.occluded(x, y);
                }
            }
            assertEquals(describedEyewear, eyeRowOccluded, "seed " + seed + ": " + m.description());
            withEyewear += describedEyewear ? 1 : 0;
        }
        assertTrue(withEyewear > 5 && withEyewear < 25, withEyewear + " of 30 hybrids had eyewear");
    }

    /**
     * Coverage bounds chosen from the measured distribution (docs/mask-coverage.md): every sample
     * between 3 % and 45 % of the crop, and the mixed mean near 1/5.
     */
    @Test
    void coverageStaysWithinMeasuredBounds() {
        double[] lo = {0.20, 0.20, 0.10, 0.22, 0.19};
        double[] hi = {0.31, 0.31, 0.20, 0.34, 0.29};
        MaskCategory[] categories = MaskCategory.values();
        for (int c = 0; c < categories.length; c++) {
            double sum = 0;
            int n = 0;
            for (SampleFaces.Sample s : SampleFaces.all()) {
                for (long seed = 0; seed < 12; seed++) {
                    Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), categories[c], seed);
                    assertTrue(m.coverage() >= 0.03 && m.coverage() <= 0.45, categories[c] + " " + s.name() + " seed "
                            + seed + ": coverage " + m.coverage() + ": " + m.description());
                    sum += m.coverage();
                    n++;
                }
            }
            double mean = sum / n;
            assertTrue(mean >= lo[c] && mean <= hi[c], categories[c] + ": mean coverage " + mean);
        }
    }

    @Test
    void mixedDrawsEveryCategoryAndMirrorsAboutHalfTheTime() {
        SampleFaces.Sample s = SampleFaces.first();
        java.util.EnumMap<MaskCategory, Integer> counts = new java.util.EnumMap<>(MaskCategory.class);
        int mirrored = 0;
        for (long seed = 0; seed < 80; seed++) {
            Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), MaskCategory.MIXED, seed);
            assertTrue(m.category().isConcrete());
            counts.merge(m.category(), 1, Integer::sum);
            mirrored += m.description().endsWith("(mirrored)") ? 1 : 0;
        }
        assertEquals(4, counts.size(), counts.toString());
        counts.values().forEach(n -> assertTrue(n >= 8, counts.toString()));
        assertTrue(mirrored >= 25 && mirrored <= 55, mirrored + " of 80 drawn mirrored");
    }

    @Test
    void flippedMirrorsImageAndMapTogether() {
        SampleFaces.Sample s = SampleFaces.first();
        Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), MaskCategory.HUMAN_BODY, 5);
        Masked f = m.flipped();
        int w = m.width();
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(m.occluded(x, y), f.occluded(w - 1 - x, y));
                assertEquals(m.image().get(x, y, 1), f.image().get(w - 1 - x, y, 1));
            }
        }
        assertEquals(m.coverage(), f.coverage());
        assertArrayEquals(m.image().data(), f.flipped().image().data());
    }

    /**
     * Pose: with the nose moved 12 px to the right (a face turned to the image's right), the mask
     * hugs the far (right) jaw line and stands off the near (left) one.
     */
    @Test
    void aTurnedFaceGetsAMaskThatHugsTheFarSide() {
        SampleFaces.Sample s = SampleFaces.first();
        float[][] turned = copy(s.landmarks());
        for (int i = 27; i <= 35; i++) {
            turned[i][0] += 12;
        }
        int row = Math.round((turned[4][1] + turned[12][1]) / 2);
        double nearOverhang = 0;
        double farOverhang = 0;
        int n = 0;
        for (long seed = 0; seed < 20; seed++) {
            Masked m = MaskSynthesizer.synthesize(s.crop(), turned, MaskShape.CLOTH, seed);
            int left = -1;
            int right = -1;
            for (int x = 0; x < m.width(); x++) {
                if (m.occluded(x, row)) {
                    right = x;
                    left = left < 0 ? x : left;
                }
            }
            nearOverhang += turned[4][0] - left;
            farOverhang += right - turned[12][0];
            n++;
        }
        nearOverhang /= n;
        farOverhang /= n;
        assertTrue(nearOverhang > farOverhang + 1.5, "near side overhang " + nearOverhang + " px, far side " + farOverhang);
    }

    @ParameterizedTest
    @EnumSource(MaskShape.class)
    void everyShapeDrawsAPlainMaskOverNoseAndMouth(MaskShape shape) {
        SampleFaces.Sample s = SampleFaces.first();
        Masked m = MaskSynthesizer.synthesize(s.crop(), s.landmarks(), shape, 3);
        assertEquals(MaskCategory.SIMPLE, m.category());
        assertTrue(m.description().startsWith(shape.name().toLowerCase(java.util.Locale.ROOT)), m.description());
        float[] mouth = s.landmarks()[62];
        assertTrue(m.occluded(Math.round(mouth[0]), Math.round(mouth[1])), "mouth not covered: " + m.description());
    }

    @Test
    void badInputsAreRejectedWithAClearMessage() {
        SampleFaces.Sample s = SampleFaces.first();
        assertMessage("null", () -> MaskSynthesizer.synthesize(null, s.landmarks(), MaskCategory.SIMPLE, 1));
        RgbImage wrongSize = new RgbImage(100, 112, new byte[100 * 112 * 3]);
        assertMessage("100x112", () -> MaskSynthesizer.synthesize(wrongSize, s.landmarks(), MaskCategory.SIMPLE, 1));
        assertMessage("got null", () -> MaskSynthesizer.synthesize(s.crop(), null, MaskCategory.SIMPLE, 1));
        assertMessage("got 67", () -> MaskSynthesizer.synthesize(s.crop(), Arrays.copyOf(s.landmarks(), 67),
                MaskCategory.SIMPLE, 1));
        float[][] nan = copy(s.landmarks());
        nan[30] = new float[] {Float.NaN, 50};
        assertMessage("landmark 30", () -> MaskSynthesizer.synthesize(s.crop(), nan, MaskCategory.SIMPLE, 1));
        float[][] shortPoint = copy(s.landmarks());
        shortPoint[3] = new float[] {1};
        assertMessage("landmark 3", () -> MaskSynthesizer.synthesize(s.crop(), shortPoint, MaskCategory.SIMPLE, 1));
        float[][] imageCoords = copy(s.landmarks());
        for (float[] p : imageCoords) {
            p[0] += 300;
            p[1] += 200;
        }
        assertMessage("crop coordinates", () -> MaskSynthesizer.synthesize(s.crop(), imageCoords, MaskCategory.SIMPLE, 1));
        float[][] upsideDown = copy(s.landmarks());
        for (float[] p : upsideDown) {
            p[1] = 111 - p[1];
        }
        assertMessage("upright", () -> MaskSynthesizer.synthesize(s.crop(), upsideDown, MaskCategory.SIMPLE, 1));
        assertThrows(NullPointerException.class, () -> MaskSynthesizer.synthesize(s.crop(), s.landmarks(),
                (MaskCategory) null, 1));
    }

    @Test
    void categoryNamesParse() {
        assertEquals(MaskCategory.HUMAN_BODY, MaskCategory.parse("body"));
        assertEquals(MaskCategory.HUMAN_BODY, MaskCategory.parse("Human-Body"));
        assertEquals(MaskCategory.MIXED, MaskCategory.parse(" mixed "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskCategory.parse("scarf"));
        assertTrue(e.getMessage().contains("simple, complex, body, hybrid, mixed"), e.getMessage());
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention " + part);
    }

    private static float[][] copy(float[][] pts) {
        float[][] out = new float[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            out[i] = pts[i].clone();
        }
        return out;
    }

    private static boolean changed(RgbImage a, RgbImage b, int x, int y) {
        for (int c = 0; c < 3; c++) {
            if (a.get(x, y, c) != b.get(x, y, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] dilate(boolean[] map, int w, int h, int r) {
        boolean[] out = new boolean[map.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!map[y * w + x]) {
                    continue;
                }
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                            out[yy * w + xx] = true;
                        }
                    }
                }
            }
        }
        return out;
    }
}
