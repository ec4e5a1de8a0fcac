package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A misspelt enumerated option is a usage error (exit 2) found while the command line is parsed:
 * picocli's message names the valid values and the usage follows; the command itself never runs,
 * so no model loads and nothing is written. The other arguments name files that do not exist: had
 * the command run, it would have complained about them instead.
 */
class EnumeratedOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "verify missing-a.jpg missing-b.jpg",
        "embed missing.jpg",
        "demo",
        "deocclude missing.jpg out.png",
        "enroll Ann missing.jpg --gallery GALLERY",
        "identify missing.jpg --gallery GALLERY",
        "subjects --gallery GALLERY",
        "forget Ann --gallery GALLERY",
        "compact --gallery GALLERY",
        "serve --port 0 --gallery GALLERY --no-demo",
        "eval lfw --root missing --pairs missing.txt",
        "eval aligned --root missing --pairs missing.txt",
        "eval identify --dir missing",
    })
    void aMisspeltMethodIsRefusedWhileParsing(String command, @TempDir Path dir) {
        List<String> args = new ArrayList<>();
        for (String a : command.split(" ")) {
            args.add(a.equals("GALLERY") ? dir.resolve("gallery").toString() : a);
        }
        args.addAll(List.of("--method", "tecaher"));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("Invalid value for option '--method': unknown method 'tecaher'; "
                + "use one of teacher, deocc, g2d, meer"), r.err());
        assertTrue(r.err().contains("Usage: maskface"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("gallery")), "the command ran");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "eval lfw --root missing --pairs missing.txt --mask probe --category simpel",
        "eval identify --dir missing --mask probe --category simpel",
        "eval frontend --root missing --pairs missing.txt --category simpel",
        "mask missing.jpg out.png --category simpel",
    })
    void aMisspeltMaskCategoryIsRefusedWhileParsing(String command) {
        CliRun r = CliRun.of(command.split(" "));
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().startsWith("Invalid value for option '--category'"), r.err());
        assertTrue(r.err().contains("unknown mask category 'simpel'; use one of simple, complex, body, hybrid, mixed"),
                r.err());
        assertTrue(r.err().contains("Usage: maskface"), r.err());
    }
}
