package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.eval.VerificationProtocol.Result;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;

class VerificationReportTest {

    static Result handResult() {
        return VerificationProtocol.evaluate(VerificationProtocolTest.SCORES, VerificationProtocolTest.SAME,
                VerificationProtocolTest.FOLDS);
    }

    static VerificationReport report(Result r) {
        return VerificationReport.builder(r).benchmark("lfw").variant("probe-masked").method("teacher")
                .failures(3).command("maskface eval --benchmark lfw").seed(42L).gitCommit("abc123")
                .date("2025-01-02T03:04:05Z").machine("test machine").build();
    }

    @Test
    void jsonHasTheAgreedFields(@TempDir Path dir) throws Exception {
        VerificationReport report = report(handResult());
        Path file = dir.resolve("docs/results").resolve(report.fileName());
        report.writeJson(file);
        assertEquals("lfw-probe-masked-teacher.json", file.getFileName().toString());
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals("lfw", o.get("benchmark").getAsString());
        assertEquals("probe-masked", o.get("variant").getAsString());
        assertEquals("teacher", o.get("method").getAsString());
        assertEquals(0.625, o.getAsJsonObject("accuracy").get("mean").getAsDouble(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.125 * 0.125), o.getAsJsonObject("accuracy").get("std").getAsDouble(), 1e-12);
        assertTrue(o.getAsJsonObject("accuracy").get("stdKind").getAsString().startsWith("sample"));
        assertEquals(2, o.getAsJsonArray("folds").size());
        JsonObject fold1 = o.getAsJsonArray("folds").get(0).getAsJsonObject();
        assertEquals(1, fold1.get("fold").getAsInt());
        assertEquals(0.75, fold1.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(2.5, fold1.get("threshold").getAsDouble(), 1e-12);
        assertEquals(5.5, o.get("threshold").getAsDouble(), 1e-12);
        assertEquals(0.5, o.getAsJsonObject("tarAtFar").get("1e-3").getAsDouble(), 1e-12);
        assertEquals(0.5, o.getAsJsonObject("tarAtFar").get("1e-2").getAsDouble(), 1e-12);
        assertEquals(13.0 / 16, o.get("auc").getAsDouble(), 1e-12);
        assertEquals(8, o.get("pairs").getAsInt());
        assertEquals(3, o.get("failures").getAsInt());
        assertEquals("maskface eval --benchmark lfw", o.get("command").getAsString());
        assertEquals(42, o.get("seed").getAsLong());
        assertEquals("abc123", o.get("gitCommit").getAsString());
        assertEquals("2025-01-02T03:04:05Z", o.get("date").getAsString());
        assertEquals("test machine", o.get("machine").getAsString());
    }

    @Test
    void missingValuesAreNull() {
        Result r = handResult();
        JsonObject o = VerificationReport.builder(r).benchmark("b").variant("v").method("m").build().toJsonObject();
        assertTrue(o.get("seed").isJsonNull());
        assertTrue(o.get("command").isJsonNull());
        assertEquals("unknown", o.get("gitCommit").getAsString());
        assertFalse(o.get("machine").getAsString().isBlank());
        assertTrue(o.get("date").getAsString().endsWith("Z"));
        assertThrows(IllegalStateException.class, () -> VerificationReport.builder(r).benchmark("b").variant("v").build());
    }

    @Test
    void farKeys() {
        assertEquals("1e-3", VerificationReport.farKey(1e-3));
        assertEquals("1e-2", VerificationReport.farKey(0.01));
        assertEquals("1e-4", VerificationReport.farKey(0.0001));
        assertEquals("0.250000", VerificationReport.farKey(0.25));
    }

    @Test
    void rocPngIsWritten(@TempDir Path dir) throws Exception {
        VerificationReport report = report(handResult());
        for (boolean log : new boolean[] {false, true}) {
            Path png = dir.resolve("roc-" + log + ".png");
            report.writeRocPng(png, log);
            RgbImage img = ImageLoader.load(png);
            assertEquals(640, img.width());
            assertEquals(520, img.height());
        }
    }

    @Test
    void gitCommitIsDetectedInThisCheckout() {
        String commit = VerificationReport.detectGitCommit(Path.of("."));
        // a 40-hex commit (maybe "-dirty"), or "unknown" when run outside a git checkout
        assertTrue(commit.equals("unknown") || commit.matches("[0-9a-f]{40}(-dirty)?"), commit);
    }
}
