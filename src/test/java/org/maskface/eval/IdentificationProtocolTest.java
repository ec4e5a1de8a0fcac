package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.maskface.eval.IdentificationProtocol.Sample;

class IdentificationProtocolTest {

    private static float[] unit(double angleDegrees) {
        double a = Math.toRadians(angleDegrees);
        return new float[] {(float) Math.cos(a), (float) Math.sin(a)};
    }

    /**
     * Gallery on the unit circle: A at 0°, B at 90°, C at 180° and 200°. Probes: A at 10° (rank 1),
     * B at 140° (C@180 is 40° away, B 50° away: rank 2), C at 80° (B 10°, A 80°, C 100°: rank 3).
     */
    @Test
    void ranksByBestGalleryMatchPerIdentity() {
        List<Sample> gallery = List.of(new Sample("A", unit(0)), new Sample("B", unit(90)),
                new Sample("C", unit(180)), new Sample("C", unit(200)));
        List<Sample> probes = List.of(new Sample("A", unit(10)), new Sample("B", unit(140)), new Sample("C", unit(80)));
        var r = IdentificationProtocol.evaluate(gallery, probes, 1, 2, 5);
        assertEquals(1.0 / 3, r.rank(1), 1e-12);
        assertEquals(2.0 / 3, r.rank(2), 1e-12);
        assertEquals(1.0, r.rank(5), 1e-12);
        assertEquals(3, r.probes());
        assertEquals(3, r.galleryIdentities());
        assertEquals(4, r.gallerySamples());
    }

    @Test
    void tiesCountAgainstTheProbe() {
        List<Sample> gallery = List.of(new Sample("A", unit(0)), new Sample("B", unit(0)));
        var r = IdentificationProtocol.evaluate(gallery, List.of(new Sample("A", unit(0))), 1, 2);
        assertEquals(0.0, r.rank(1));
        assertEquals(1.0, r.rank(2));
    }

    @Test
    void rejectsProbesWithoutGalleryIdentityAndEmptySets() {
        List<Sample> gallery = List.of(new Sample("A", unit(0)));
        assertThrows(IllegalArgumentException.class,
                () -> IdentificationProtocol.evaluate(gallery, List.of(new Sample("Z", unit(0))), 1));
        assertThrows(IllegalArgumentException.class, () -> IdentificationProtocol.evaluate(List.of(), gallery, 1));
        assertThrows(IllegalArgumentException.class,
                () -> IdentificationProtocol.evaluate(gallery, List.of(new Sample("A", unit(0))), 3).rank(1));
    }
}
