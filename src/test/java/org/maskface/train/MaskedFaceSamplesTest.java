package org.maskface.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.MaskSynthesizer;
import org.maskface.mask.Masked;
import org.maskface.model.ModelHub;
import org.maskface.train.MaskedFaceSamples.Sample;

class MaskedFaceSamplesTest {

    private static FaceCropSet faces;

    @BeforeAll
    static void align() throws Exception {
        try (ModelHub hub = ModelHub.openDefault()) {
            faces = FaceCropSet.build(List.of(Path.of("samples/faces/lfw_tony_blair_0091.png"),
                    Path.of("samples/faces/lfw_laura_bush_0011.png")), p -> "x", hub, 1, false);
        }
        assertEquals(2, faces.size());
    }

    @Test
    void withoutJitterTheTargetIsTheSynthesizersMap() {
        FaceCropSet.Crop c = faces.crops().get(0);
        Sample s = MaskedFaceSamples.make(c, MaskCategory.SIMPLE, 42, Augment.NONE);
        Masked m = MaskSynthesizer.synthesize(c.image(), c.landmarks(), MaskCategory.SIMPLE, 42);
        assertArrayEquals(m.image().data(), s.image().data());
        for (int i = 0; i < s.target().length; i++) {
            assertEquals(m.occlusion()[i] ? 1f : 0f, s.target()[i]);
        }
    }

    @Test
    void jitterMovesTheLandmarksWithTheImage() {
        FaceCropSet.Crop c = faces.crops().get(0);
        Sample s = MaskedFaceSamples.make(c, null, 11, new Augment(10, 0.1, 8, 0, 0, 0));
        float[][] moved = s.landmarks(c.landmarks());
        double shift = 0;
        double colourGap = 0;
        // eye corners, nose, mouth corners: the same pixels before and after the jitter
        int[] points = {36, 39, 42, 45, 30, 48, 54};
        for (int i : points) {
            shift += Math.hypot(moved[i][0] - c.landmarks()[i][0], moved[i][1] - c.landmarks()[i][1]);
            for (int ch = 0; ch < 3; ch++) {
                colourGap += Math.abs(meanAround(c.image(), c.landmarks()[i], ch) - meanAround(s.image(), moved[i], ch));
            }
        }
        assertTrue(shift / points.length > 1, "the jitter moved the points: " + shift / points.length);
        assertTrue(colourGap / (3 * points.length) < 12, "same pixels under the moved points: " + colourGap);
        assertArrayEquals(c.landmarks()[30], MaskedFaceSamples.make(c, null, 11, Augment.NONE).landmarks(c.landmarks())[30]);
    }

    private static double meanAround(org.maskface.image.RgbImage img, float[] p, int ch) {
        double sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int x = Math.round(p[0]) + dx;
                int y = Math.round(p[1]) + dy;
                if (x >= 0 && y >= 0 && x < img.width() && y < img.height()) {
                    sum += img.get(x, y, ch);
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void jitterMovesImageAndMapTogetherAndIsDeterministic() {
        FaceCropSet.Crop c = faces.crops().get(1);
        Augment aug = new Augment(8, 0.08, 6, 0.2, 0.1, 0.5);
        Sample a = MaskedFaceSamples.make(c, MaskCategory.COMPLEX, 7, aug);
        Sample b = MaskedFaceSamples.make(c, MaskCategory.COMPLEX, 7, aug);
        assertArrayEquals(a.image().data(), b.image().data());
        assertArrayEquals(a.target(), b.target());
        Sample other = MaskedFaceSamples.make(c, MaskCategory.COMPLEX, 8, aug);
        assertNotEquals(java.util.Arrays.toString(a.target()), java.util.Arrays.toString(other.target()));
        // a rigid jitter keeps the occluded area within the scale range (±8 % per side → ±17 % area)
        Sample plain = MaskedFaceSamples.make(c, MaskCategory.COMPLEX, 7, Augment.NONE);
        double area = sum(a.target());
        double plainArea = sum(plain.target());
        assertTrue(plainArea > 500, "a mask covers a good part of the face: " + plainArea);
        assertTrue(Math.abs(area / plainArea - 1) < 0.25, area + " vs " + plainArea);
    }

    @Test
    void anUnmaskedSampleHasAnEmptyTarget() {
        Sample s = MaskedFaceSamples.make(faces.crops().get(0), null, 1, Augment.NONE);
        assertEquals(0, sum(s.target()));
        assertArrayEquals(faces.crops().get(0).image().data(), s.image().data());
    }

    @Test
    void halfResolutionAveragesTwoByTwoBlocks() {
        float[] t = {1, 0, 1, 1,
                     1, 0, 1, 1,
                     0, 0, 0, 1,
                     0, 0, 0, 0};
        assertArrayEquals(new float[] {0.5f, 1f, 0f, 0.25f}, MaskedFaceSamples.halfResolution(t, 4, 4));
    }

    @Test
    void recolouringPaintsOnlyTheOccluder() {
        FaceCropSet.Crop c = faces.crops().get(0);
        Masked m = MaskSynthesizer.synthesize(c.image(), c.landmarks(), MaskCategory.SIMPLE, 3);
        var painted = MaskedFaceSamples.recolour(m.image(), m.occlusion(), new java.util.Random(5));
        int changed = 0;
        for (int i = 0; i < m.occlusion().length; i++) {
            boolean same = true;
            for (int ch = 0; ch < 3; ch++) {
                same &= painted.data()[3 * i + ch] == m.image().data()[3 * i + ch];
            }
            if (!m.occlusion()[i]) {
                assertTrue(same, "pixel " + i + " outside the mask changed");
            } else if (!same) {
                changed++;
            }
        }
        assertTrue(changed > 500, "the occluder was repainted: " + changed);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
