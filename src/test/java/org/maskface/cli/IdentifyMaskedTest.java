package org.maskface.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identification with an unmasked gallery and synthetically masked probes, on real LFW faces. */
class IdentifyMaskedTest {

    @Test
    void maskedProbesAreReportedWithTheirCategoryAndSeed(@TempDir Path dir) throws Exception {
        Path set = dir.resolve("set");
        for (String person : new String[] {"george_w_bush", "colin_powell", "tony_blair", "laura_bush"}) {
            Files.createDirectories(set.resolve(person));
            try (var files = Files.list(Path.of("samples/faces"))) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("lfw_" + person + "_")).toList()) {
                    Files.copy(f, set.resolve(person).resolve(f.getFileName()));
                }
            }
        }
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("eval", "identify", "--dir", set.toString(), "--mask", "probe", "--category", "simple",
                "--seed", "5", "--workers", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path file = out.resolve("identify-set-masked-probe-simple-teacher.json");
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(4, o.get("probes").getAsInt() + o.get("probesLeftOut").getAsInt());
        assertEquals(4, o.get("galleryIdentities").getAsInt());
        assertEquals("simple", o.getAsJsonObject("mask").get("category").getAsString());
        assertEquals(5, o.getAsJsonObject("mask").get("seed").getAsLong());
        assertTrue(o.get("command").getAsString().contains("--mask probe --category simple --seed 5"));
        double rank1 = o.get("rank1").getAsDouble();
        assertTrue(rank1 >= 0 && rank1 <= 1 && o.get("rank5").getAsDouble() == 1.0, o.toString());

        assertEquals(ExitCode.BAD_INPUT, CliRun.of("eval", "identify", "--dir", set.toString(), "--mask", "both").code());
    }
}
