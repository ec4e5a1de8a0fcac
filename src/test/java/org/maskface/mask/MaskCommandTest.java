package org.maskface.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.cli.ExitCode;
import org.maskface.cli.CliRun;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;

/** {@code maskface mask}: one photo, a folder, the example grid and bad inputs. */
class MaskCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String FACE = "samples/faces/lfw_tony_blair_0091.png";
    private static final String BAD = "src/test/resources/badinput/";

    @TempDir
    Path tmp;

    @Test
    void masksOnePhotoWithItsMapReproducibly() throws Exception {
        Path out = tmp.resolve("masked.png");
        Path map = tmp.resolve("map.png");
        CliRun r = run("mask", FACE, out.toString(), "--category", "complex", "--seed", "9", "--map", map.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("coverage"), r.out());
        RgbImage masked = ImageLoader.load(out);
        RgbImage mapImage = ImageLoader.load(map);
        assertEquals(112, masked.width());
        assertEquals(112, mapImage.height());
        int white = 0;
        for (byte b : mapImage.data()) {
            int v = b & 0xFF;
            assertTrue(v == 0 || v == 255, "map is not binary: " + v);
            white += v == 255 ? 1 : 0;
        }
        assertTrue(white > 0);
        Path again = tmp.resolve("again.png");
        assertEquals(ExitCode.OK, run("mask", FACE, again.toString(), "--category", "complex", "--seed", "9").code());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
    }

    @Test
    void masksAFolderSkippingImagesWithoutAFaceOrUnreadable() throws Exception {
        Path in = Files.createDirectory(tmp.resolve("in"));
        Files.copy(Path.of(FACE), in.resolve("a.png"));
        Files.copy(Path.of("samples/faces/lfw_laura_bush_0011.png"), in.resolve("b.PNG"));
        Files.copy(Path.of(FACE), in.resolve("b.jpg")); // same stem as b.PNG; the format is read from the bytes
        Files.copy(Path.of(BAD + "noise.png"), in.resolve("noise.png"));
        Files.copy(Path.of(BAD + "truncated.jpg"), in.resolve("cut.jpg"));
        Files.writeString(in.resolve("notes.txt"), "not an image, not listed");
        Path out = tmp.resolve("out");
        Path maps = tmp.resolve("maps");
        CliRun r = run("mask", in.toString(), out.toString(), "--map", maps.toString(), "--category", "body");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("a.png")) && Files.exists(out.resolve("b.png")), r.out());
        assertTrue(Files.exists(maps.resolve("a.png")), r.out());
        assertTrue(Files.exists(out.resolve("b_jpg.png")), "a clashing name keeps its extension");
        assertFalse(Files.exists(out.resolve("noise.png")));
        assertTrue(r.out().contains("masked 3 of 5 images"), r.out());
        assertTrue(r.out().contains("skipped 1 without a face: noise.png"), r.out());
        assertTrue(r.out().contains("skipped 1 unreadable") && r.out().contains("cut.jpg"), r.out());
    }

    @Test
    void writesTheExampleGridAndItsMaps() throws Exception {
        Path grid = tmp.resolve("grid.png");
        CliRun r = run("mask", "samples/faces", grid.toString(), "--grid", "--glob", "lfw_*", "--columns", "2");
        assertEquals(ExitCode.OK, r.code(), r.err());
        RgbImage sheet = ImageLoader.load(grid);
        assertEquals(2 + 2 * 114, sheet.width());
        assertEquals(2 + 8 * 114, sheet.height());
        assertTrue(Files.exists(tmp.resolve("grid-maps.png")));
    }

    @Test
    void badInputsGetOneLineAndTheirExitCode() {
        CliRun missing = run("mask", BAD + "does-not-exist.jpg", tmp.resolve("o.png").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.code(), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        CliRun noFace = run("mask", BAD + "noise.png", tmp.resolve("o.png").toString());
        assertEquals(ExitCode.NO_FACE, noFace.code(), noFace.err());
        assertTrue(noFace.err().contains("no face"), noFace.err());
        CliRun category = run("mask", FACE, tmp.resolve("o.png").toString(), "--category", "scarf");
        assertEquals(ExitCode.BAD_INPUT, category.code(), category.err());
        assertTrue(category.err().contains("scarf"), category.err());
        assertEquals(ExitCode.BAD_INPUT, run("mask", FACE).code());
        assertEquals(ExitCode.BAD_INPUT, run("mask", FACE, tmp.resolve("o.png").toString(), "--grid").code());
        assertEquals(ExitCode.BAD_INPUT, run("mask", "samples/faces", "--stats", "0").code());
        Path empty = tmp.resolve("empty");
        assertEquals(ExitCode.BAD_INPUT, run("mask", tmp.toString(), empty.toString()).code());
    }
}
