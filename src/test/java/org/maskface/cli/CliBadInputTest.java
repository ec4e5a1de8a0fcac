package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input gets one clear line on stderr and the documented exit code, never a
 * stack trace; odd-but-valid images (grey, CMYK, 16-bit, EXIF-rotated) still yield their face.
 */
class CliBadInputTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String DIR = "src/test/resources/badinput/";

    @ParameterizedTest(name = "{0} {1} -> exit {2}")
    @CsvSource({
        "detect, does-not-exist.jpg, 2, not found",
        "detect, empty.jpg,          2, empty",
        "detect, text.jpg,           2, not an image",
        "detect, truncated.jpg,      2, truncated",
        "detect, truncated.png,      2, truncated",
        "detect, corrupt.jpg,        2, corrupt",
        "detect, corrupt-scan.jpg,   2, corrupt",
        "detect, huge.jpg,           2, 20000x20000",
        "detect, huge.png,           2, 20000x20000",
        "detect, noise.png,          3, no face",
        "embed,  noise.png,          3, no face",
        "embed,  truncated.jpg,      2, truncated",
    })
    void badInputGetsOneLineAndItsExitCode(String command, String file, int expected, String mention) {
        CliRun r = run(command, DIR + file);
        assertEquals(expected, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "expected one line on stderr, got:\n" + err);
        assertTrue(err.startsWith("maskface: "), err);
        assertTrue(err.toLowerCase().contains(mention.toLowerCase()), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    @ParameterizedTest(name = "{0} is a usable face")
    @CsvSource({"face.jpg", "gray.jpg", "cmyk.jpg", "gray16.png", "rgb16.png", "palette.png", "rgba.png",
        "exif-rotated-6.jpg", "exif-rotated-3.jpg", "progressive.jpg", "face.pgm", "face.gif"})
    void unusualButValidImagesWork(String file) {
        CliRun r = run("detect", "--json", DIR + file);
        assertEquals(ExitCode.OK, r.code(), file + ": " + r.err());
        assertTrue(r.out().contains("\"landmarks68\""), r.out());
    }

    @ParameterizedTest(name = "verify with {0}")
    @CsvSource({"does-not-exist.jpg, 2", "noise.png, 3", "huge.jpg, 2"})
    void verifyReportsTheBadSide(String file, int expected) {
        CliRun r = run("verify", DIR + "face.jpg", DIR + file);
        assertEquals(expected, r.code(), r.err());
        assertTrue(r.err().contains(file), r.err());
    }

    @org.junit.jupiter.api.Test
    void detectSaysWhichFacesAreMasked() {
        CliRun masked = run("detect", "--json", "samples/faces/rmfd_masked_01.png");
        assertEquals(ExitCode.OK, masked.code(), masked.err());
        assertTrue(masked.out().contains("\"masked\": true"), masked.out());
        CliRun clean = run("detect", "--json", "samples/faces/yale_subject01_glasses.png");
        assertEquals(ExitCode.OK, clean.code(), clean.err());
        assertTrue(clean.out().contains("\"masked\": false"), clean.out());
    }

    @org.junit.jupiter.api.Test
    void anUnknownFrontEndIsBadInput() {
        CliRun r = run("eval", "detection", "--dir", "samples/faces", "--front-end", "magic");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("robust"), r.err());
    }

    @org.junit.jupiter.api.Test
    void wrongArgumentsAreBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("verify", DIR + "face.jpg").code());
        assertEquals(ExitCode.BAD_INPUT, run("detect").code());
        assertEquals(ExitCode.BAD_INPUT, run("frobnicate").code());
        assertEquals(ExitCode.BAD_INPUT, run("eval", "lfw", "--root", "x", "--pairs", "y", "--folds", "3-3").code());
        assertEquals(ExitCode.BAD_INPUT, run("eval", "lfw", "--root", "x", "--pairs", "y", "--mask", "sideways").code());
        assertEquals(ExitCode.BAD_INPUT, run("eval", "lfw", "--root", "x", "--pairs", "y", "--mask", "probe", "--category", "paper-bag").code());
    }

    @org.junit.jupiter.api.Test
    void exifRotationIsUndoneBeforeDetection() {
        CliRun upright = run("detect", "--json", DIR + "exif-upright.png");
        CliRun rotated = run("detect", "--json", DIR + "exif-rotated-6.jpg");
        assertEquals(0, upright.code(), upright.err());
        assertEquals(0, rotated.code(), rotated.err());
        // the same upright geometry: both report a 150x120 image
        assertTrue(upright.out().contains("\"width\": 150") && rotated.out().contains("\"width\": 150"), rotated.out());
    }
}
