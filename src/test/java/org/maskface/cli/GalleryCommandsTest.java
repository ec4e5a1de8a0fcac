package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.gallery.EnrolledFace;
import org.maskface.gallery.Gallery;

/** enroll / identify / subjects / forget on a real gallery, and kill -9 in the middle of `enroll`. */
class GalleryCommandsTest {

    static final Path FACES = Path.of("samples/faces");

    @TempDir
    Path tmp;

    @Test
    void enrolIdentifyListForget() throws Exception {
        String g = tmp.resolve("g").toString();
        CliRun e = CliRun.of("enroll", "Colin Powell", FACES.resolve("lfw_colin_powell_0095.png").toString(), "--gallery", g);
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().startsWith("enrolled Colin Powell from "), e.out());
        // a missing file and a non-image are reported and skipped; the good photo is still enrolled
        CliRun mixed = CliRun.of("enroll", "Tony Blair", FACES.resolve("missing.png").toString(), "README.md",
                FACES.resolve("lfw_tony_blair_0091.png").toString(), "--gallery", g);
        assertEquals(ExitCode.BAD_INPUT, mixed.code());
        assertTrue(mixed.err().contains("missing.png: file not found (skipped)"), mixed.err());
        assertTrue(mixed.out().contains("enrolled Tony Blair from"), mixed.out());
        CliRun faceless = CliRun.of("enroll", "Nobody", "src/test/resources/detection/face-free/calla-4.png", "--gallery", g);
        assertEquals(ExitCode.NO_FACE, faceless.code());

        CliRun list = CliRun.of("subjects", "--json", "--gallery", g);
        JsonObject o = JsonParser.parseString(list.out()).getAsJsonObject().getAsJsonObject("gallery");
        assertEquals(2, o.get("subjects").getAsInt());
        assertEquals("faceapi-dlib-resnet128@1.7.15", o.get("model").getAsString());

        CliRun id = CliRun.of("identify", "samples/masked/lfw_colin_powell_0133_simple.png", "--json", "--top", "2", "--gallery", g);
        assertEquals(0, id.code(), id.err());
        JsonObject face = JsonParser.parseString(id.out()).getAsJsonObject().getAsJsonArray("faces").get(0).getAsJsonObject();
        assertEquals("Colin Powell", face.getAsJsonObject("identity").get("subject").getAsString());
        assertEquals(2, face.getAsJsonArray("matches").size());
        assertTrue(CliRun.of("identify", "samples/faces/lfw_tony_blair_0121.png", "--gallery", g).out()
                .contains(": Tony Blair ("));

        CliRun compact = CliRun.of("compact", "--gallery", g);
        assertEquals(0, compact.code(), compact.err());
        assertTrue(compact.out().contains("-> 1 in"), compact.out());
        assertEquals(0, CliRun.of("forget", "Tony Blair", "--gallery", g).code());
        assertEquals(ExitCode.BAD_INPUT, CliRun.of("forget", "Tony Blair", "--gallery", g).code());
        assertTrue(CliRun.of("subjects", "--gallery", g).out().contains("1 subject(s)"));
        // another method's gallery is refused with the reason
        CliRun other = CliRun.of("subjects", "--gallery", g, "--method", "g2d");
        assertEquals(ExitCode.BAD_INPUT, other.code());
        assertTrue(other.err().contains("method 'teacher'"), other.err());
        CliRun none = CliRun.of("subjects", "--gallery", tmp.resolve("none").toString());
        assertEquals(ExitCode.BAD_INPUT, none.code());
        assertTrue(none.err().contains("no gallery in"), none.err());
    }

    /** `maskface enroll` killed with kill -9 mid-batch: every face whose line it printed is in the gallery. */
    @Test
    void facesPrintedByAKilledEnrolAreKept() throws Exception {
        Path g = tmp.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String p : List.of("ai.djl.offline", "PYTORCH_FLAVOR", "PYTORCH_VERSION", "java.awt.headless",
                "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads", "maskface.models")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.addAll(List.of(Main.class.getName(), "enroll", "Batch", "--gallery", g.toString()));
        for (int i = 0; i < 40; i++) { // a long batch: the same photos over and over
            command.add(FACES.resolve(i % 2 == 0 ? "lfw_laura_bush_0011.png" : "lfw_laura_bush_0021.png").toString());
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Pattern line = Pattern.compile("enrolled Batch from .* \\(face ([0-9a-f-]{36})\\)");
        List<String> printed = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String l;
        while (printed.size() < 3 && (l = out.readLine()) != null) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                printed.add(m.group(1));
            }
        }
        assertEquals(3, printed.size(), "enroll printed fewer faces than expected");
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue());
        while ((l = out.readLine()) != null) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                printed.add(m.group(1));
            }
        }
        assertTrue(printed.size() < 40, "killed before the end of the batch");
        try (Gallery gallery = Gallery.openExisting(g, Gallery.Access.READ_WRITE)) {
            List<String> kept = gallery.faces("Batch").stream().map(EnrolledFace::faceId).toList();
            assertTrue(kept.containsAll(printed), "printed " + printed + ", kept " + kept);
            assertTrue(kept.size() <= printed.size() + 1, "at most the face in flight beyond the printed ones");
        }
        assertTrue(Files.exists(g.resolve("gallery.json")));
    }

    @Test
    void enrollingOnlyBadPhotosCreatesNoGallery(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path g = dir.resolve("never-made");
        CliRun r = CliRun.of("enroll", "Nobody", dir.resolve("missing.png").toString(), "README.md",
                "--gallery", g.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("(skipped)"), r.err());
        assertTrue(!java.nio.file.Files.exists(g), "a gallery folder was made for nothing");
    }

    @Test
    void aThresholdOutsideTheCosineRangeIsAUsageError() {
        CliRun r = CliRun.of("verify", "a.png", "b.png", "--threshold", "7");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("a cosine threshold lies in [-1, 1], got 7"), r.err());
    }
}
