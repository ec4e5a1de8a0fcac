package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;

/** {@code deocclude}: a method's restored view of a masked photo, one image or a grid. */
class DeoccludeCommandTest {

    @Test
    void writesTheRestoredFaceOfEachMethodThatHasOne(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("restored.png");
        CliRun r = CliRun.of("deocclude", "samples/masked/lfw_colin_powell_0133_simple.png", out.toString(),
                "--method", "meer");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("maskface-meer@1"), r.out());
        RgbImage img = ImageLoader.load(out);
        assertEquals(112, img.width());
        assertEquals(112, img.height());

        Path sheet = dir.resolve("grid.png");
        CliRun g = CliRun.of("deocclude", "samples/masked", "--grid", sheet.toString(), "--limit", "2", "--method", "g2d");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().startsWith("2 faces"), g.out());
        assertTrue(Files.size(sheet) > 0);
    }

    @Test
    void refusesWhatItCannotDo(@TempDir Path dir) {
        CliRun teacher = CliRun.of("deocclude", "samples/masked/lfw_colin_powell_0133_simple.png",
                dir.resolve("x.png").toString());
        assertEquals(2, teacher.code());
        assertTrue(teacher.err().contains("restores no covered part"), teacher.err());
        CliRun folder = CliRun.of("deocclude", "samples/masked", dir.resolve("x.png").toString(), "--method", "meer");
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("--grid"), folder.err());
        CliRun missing = CliRun.of("deocclude", dir.resolve("none.jpg").toString(), dir.resolve("x.png").toString(),
                "--method", "meer");
        assertEquals(2, missing.code());
        CliRun faceless = CliRun.of("deocclude", "src/test/resources/badinput/noise.png", dir.resolve("x.png").toString(),
                "--method", "meer");
        assertEquals(3, faceless.code(), faceless.err());
        assertTrue(faceless.err().contains("no face"), faceless.err());
    }
}
