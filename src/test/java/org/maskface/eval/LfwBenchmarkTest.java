package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maskface.eval.LfwBenchmark.Config;
import org.maskface.eval.LfwBenchmark.MaskMode;
import org.maskface.eval.LfwBenchmark.Variant;
import org.maskface.face.FacePipeline;
import org.maskface.mask.MaskCategory;

class LfwBenchmarkTest {

    @Test
    void maskSeedDependsOnRunSeedAndFileNameOnly() {
        long a = SyntheticMasking.maskSeed(1, Path.of("/x/lfw150/Ann/Ann_0001.jpg"));
        assertEquals(a, SyntheticMasking.maskSeed(1, Path.of("elsewhere/Ann/Ann_0001.jpg")));
        assertNotEquals(a, SyntheticMasking.maskSeed(2, Path.of("elsewhere/Ann/Ann_0001.jpg")));
        assertNotEquals(a, SyntheticMasking.maskSeed(1, Path.of("elsewhere/Ann/Ann_0002.jpg")));
        // String.hashCode is specified by the JLS, so the masked pairs are the same on every JVM
        assertEquals(1_000_003L + "Ann_0001.jpg".hashCode(), a);
    }

    @Test
    void variantNamesFollowTheReportConvention() {
        assertEquals("clean", new Variant(1, 10, MaskMode.NONE, MaskCategory.MIXED).name());
        assertEquals("masked-probe", new Variant(1, 10, MaskMode.PROBE, MaskCategory.MIXED).name());
        assertEquals("masked-both-body", new Variant(1, 10, MaskMode.BOTH, MaskCategory.HUMAN_BODY).name());
        assertEquals("lfw", new Variant(1, 10, MaskMode.NONE, MaskCategory.MIXED).benchmark());
        assertEquals("lfw-folds6-10", new Variant(6, 10, MaskMode.BOTH, MaskCategory.MIXED).benchmark());
    }

    @Test
    void aSweepIsEveryCombinationWithCleanOncePerFoldRange() {
        Path p = Path.of(".");
        Config c = new Config(p, p, "teacher", 1, true, 1, List.of(new int[] {1, 10}, new int[] {6, 10}),
                List.of(MaskMode.NONE, MaskMode.PROBE, MaskMode.BOTH), List.of(MaskCategory.SIMPLE, MaskCategory.MIXED),
                FacePipeline.Options.ROBUST);
        List<String> names = c.variants().stream().map(v -> v.benchmark() + "/" + v.name()).toList();
        assertEquals(List.of("lfw/clean", "lfw/masked-probe-simple", "lfw/masked-probe", "lfw/masked-both-simple",
                "lfw/masked-both", "lfw-folds6-10/clean", "lfw-folds6-10/masked-probe-simple",
                "lfw-folds6-10/masked-probe", "lfw-folds6-10/masked-both-simple", "lfw-folds6-10/masked-both"), names);
    }
}
