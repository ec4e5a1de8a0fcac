package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's first command: the bundled pairs are detected, aligned and all decided right. */
class DemoTest {

    @Test
    void demoDecidesEveryBundledPairCorrectly() {
        CliRun r = CliRun.of("demo");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("8/8 pairs decided correctly"), r.out());
    }
}
