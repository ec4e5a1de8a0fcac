package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.maskface.eval.LfwBenchmark.Config;
import org.maskface.eval.LfwBenchmark.MaskMode;
import org.maskface.mask.MaskCategory;

class LfwBenchmarkTest {

    @Test
    void maskSeedDependsOnRunSeedAndFileNameOnly() {
        long a = LfwBenchmark.maskSeed(1, Path.of("/x/lfw150/Ann/Ann_0001.jpg"));
        assertEquals(a, LfwBenchmark.maskSeed(1, Path.of("elsewhere/Ann/Ann_0001.jpg")));
        assertNotEquals(a, LfwBenchmark.maskSeed(2, Path.of("elsewhere/Ann/Ann_0001.jpg")));
        assertNotEquals(a, LfwBenchmark.maskSeed(1, Path.of("elsewhere/Ann/Ann_0002.jpg")));
        // String.hashCode is specified by the JLS, so the masked pairs are the same on every JVM
        assertEquals(1_000_003L + "Ann_0001.jpg".hashCode(), a);
    }

    @Test
    void variantNamesFollowTheReportConvention() {
        Path p = Path.of(".");
        assertEquals("clean", new Config(p, p, "teacher", 1, 10, 1, true, MaskMode.NONE, MaskCategory.MIXED, 1).variant());
        assertEquals("masked-probe", new Config(p, p, "teacher", 1, 10, 1, true, MaskMode.PROBE, MaskCategory.MIXED, 1).variant());
        assertEquals("masked-both-body",
                new Config(p, p, "teacher", 1, 10, 1, true, MaskMode.BOTH, MaskCategory.HUMAN_BODY, 1).variant());
    }
}
