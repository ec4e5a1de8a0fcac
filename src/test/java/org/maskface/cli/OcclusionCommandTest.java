package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;

class OcclusionCommandTest {

    private static final String BAD = "src/test/resources/badinput/";

    @Test
    void writesMapAndOverlayForAMaskedPhoto(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("map.png");
        Path overlay = dir.resolve("overlay.png");
        CliRun r = CliRun.of("occlusion", "samples/faces/rmfd_masked_01.png", "--map", map.toString(), "--overlay",
                overlay.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("% of the aligned face occluded"), r.out());
        RgbImage m = ImageLoader.load(map);
        assertEquals(112, m.width());
        assertEquals(112, ImageLoader.load(overlay).height());
    }

    @Test
    void gridOverAFolder(@TempDir Path dir) throws Exception {
        Path grid = dir.resolve("grid.png");
        CliRun r = CliRun.of("occlusion", "samples/faces", "--grid", grid.toString(), "--limit", "3", "--columns", "3");
        assertEquals(0, r.code(), r.err());
        RgbImage g = ImageLoader.load(grid);
        assertEquals(6 * 114 + 2, g.width()); // 3 pairs of 112-pixel cells with 2-pixel gaps
    }

    @Test
    void badInputIsOneLineAndAnExitCode(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("text.png"), "not an image");
        assertEquals(ExitCode.BAD_INPUT, CliRun.of("occlusion", dir.resolve("text.png").toString()).code());
        assertEquals(ExitCode.BAD_INPUT, CliRun.of("occlusion", dir.resolve("missing.jpg").toString()).code());
        assertEquals(ExitCode.BAD_INPUT, CliRun.of("occlusion", "samples/faces").code()); // folder without --grid
        CliRun noFace = CliRun.of("occlusion", BAD + "noise.png");
        assertEquals(ExitCode.NO_FACE, noFace.code(), noFace.err());
        assertEquals(1, noFace.err().strip().lines().count(), noFace.err());
    }
}
