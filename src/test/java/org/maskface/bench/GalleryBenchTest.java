package org.maskface.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.cli.CliRun;
import org.maskface.cli.ExitCode;

class GalleryBenchTest {

    private static CliRun bench(Path dir, Path out, String... extra) {
        String[] base = {"bench", "gallery", "--sizes", "2000", "--queries", "50", "--warmup", "10", "--warmup-seconds", "0", "--k", "5",
            "--seed", "7", "--dir", dir.toString(), "--out", out.toString(), "--no-progress"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void tinyGalleryReportsLatencyAndRecallThenIsReused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("galleries");
        Path out = tmp.resolve("report.json");
        CliRun run = bench(dir, out);
        assertEquals(ExitCode.OK, run.code(), run.err());
        assertTrue(run.out().contains("recall@1"), run.out());

        JsonObject report = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        for (String field : new String[] {"command", "gitCommit", "date", "machine", "cores", "cpu", "javaVersion",
            "jvmMaxHeapMiB", "index", "generator", "protocol", "indexing", "sizes"}) {
            assertTrue(report.has(field), "missing " + field);
        }
        assertTrue(report.get("command").getAsString().startsWith("./maskface bench gallery --sizes 2000 --queries 50"));
        JsonObject size = report.getAsJsonArray("sizes").get(0).getAsJsonObject();
        assertEquals(2000, size.get("faces").getAsInt());
        assertEquals(400, size.get("subjects").getAsInt());
        assertEquals(0.9, size.getAsJsonObject("dataCheck").get("meanFaceToCentreCosine").getAsDouble(), 0.02);

        JsonObject build = size.getAsJsonObject("build");
        assertFalse(build.get("reused").getAsBoolean());
        assertTrue(build.get("buildSeconds").getAsDouble() >= 0);

        JsonObject figures = size.getAsJsonObject("asBuilt");
        assertTrue(figures.get("segments").getAsInt() >= 1);
        assertTrue(figures.get("indexMiB").getAsDouble() > 0);
        for (String call : new String[] {"identify", "verify"}) {
            JsonObject latency = figures.getAsJsonObject(call);
            for (String p : new String[] {"p50Ms", "p90Ms", "p99Ms", "meanMs"}) {
                assertTrue(latency.get(p).getAsDouble() > 0, call + " " + p);
            }
            assertTrue(latency.get("p99Ms").getAsDouble() >= latency.get("p50Ms").getAsDouble());
            assertTrue(latency.get("queriesPerSecond").getAsLong() > 0);
        }
        JsonObject recall = figures.getAsJsonObject("recall");
        assertEquals(50, recall.get("queries").getAsInt());
        assertTrue(recall.get("recallAt1").getAsDouble() >= 0.9, recall.toString());
        assertTrue(recall.get("recallAtK").getAsDouble() > 0.5, recall.toString());
        assertTrue(recall.get("exactRank1Rate").getAsDouble() >= 0.99, recall.toString());
        assertTrue(figures.get("rank1Rate").getAsDouble() >= 0.9);

        // same size, seed and build settings: the gallery folder is reused, not rebuilt
        CliRun again = bench(dir, out);
        assertEquals(ExitCode.OK, again.code(), again.err());
        JsonObject rebuilt = JsonParser.parseString(Files.readString(out)).getAsJsonObject()
                .getAsJsonArray("sizes").get(0).getAsJsonObject().getAsJsonObject("build");
        assertTrue(rebuilt.get("reused").getAsBoolean());
        assertEquals(build.get("builtAt"), rebuilt.get("builtAt"));
    }

    @Test
    void forceMergeMeasuresAOneSegmentCopy(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report.json");
        CliRun run = bench(tmp.resolve("galleries"), out, "--batch", "500", "--force-merge", "--recall-queries", "20");
        assertEquals(ExitCode.OK, run.code(), run.err());
        JsonObject size = JsonParser.parseString(Files.readString(out)).getAsJsonObject()
                .getAsJsonArray("sizes").get(0).getAsJsonObject();
        assertEquals(4, size.getAsJsonObject("build").get("commits").getAsInt());
        assertEquals(4, size.getAsJsonObject("asBuilt").get("segments").getAsInt());
        JsonObject merged = size.getAsJsonObject("forceMerged");
        assertEquals(1, merged.get("segments").getAsInt());
        assertTrue(merged.getAsJsonObject("recall").get("recallAt1").getAsDouble() >= 0.9);
    }

    @Test
    void refusesToReplaceAFolderItDidNotMake(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("galleries");
        Path foreign = dir.resolve("faces-2000-seed-7");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "keep me");
        CliRun run = bench(dir, tmp.resolve("report.json"));
        assertEquals(ExitCode.ERROR, run.code());
        assertTrue(run.err().contains("not a bench gallery"), run.err());
        assertEquals("keep me", Files.readString(foreign.resolve("notes.txt")));
    }

    @Test
    void badSettingsAreBadInput(@TempDir Path tmp) {
        CliRun run = CliRun.of("bench", "gallery", "--sizes", "2000", "--k", "0", "--dir", tmp.toString(), "--no-progress");
        assertEquals(ExitCode.BAD_INPUT, run.code());
        assertTrue(run.err().contains("k must be >= 1"), run.err());
    }

    @Test
    void forgetsAreTimedOnACopyAndRemoveTheSubjects(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report.json");
        CliRun run = bench(tmp.resolve("galleries"), out, "--forget", "3");
        assertEquals(ExitCode.OK, run.code(), run.err());
        JsonObject size = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("sizes").get(0)
                .getAsJsonObject();
        JsonObject forget = size.getAsJsonObject("forget");
        assertEquals(3, forget.get("forgets").getAsInt());
        assertEquals(15, forget.get("facesRemoved").getAsInt(), "3 subjects of 5 faces each");
        assertTrue(forget.get("maxSeconds").getAsDouble() >= forget.get("p50Seconds").getAsDouble());
        assertTrue(JsonParser.parseString(Files.readString(out)).getAsJsonObject().get("command").getAsString()
                .endsWith("--forget 3"));
        // the measured gallery itself is untouched: the next run reuses it
        CliRun again = bench(tmp.resolve("galleries"), out);
        assertTrue(again.out().contains("reusing"), again.out());
    }
}
