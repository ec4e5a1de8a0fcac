package org.maskface.face.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The teacher's verification threshold is the one its committed LFW report measured. */
class TeacherThresholdTest {

    @Test
    void thresholdComesFromTheCommittedLfwReport() throws Exception {
        JsonObject report = JsonParser.parseString(
                Files.readString(Path.of("docs/results/lfw-clean-teacher.json"))).getAsJsonObject();
        assertEquals("teacher", report.get("method").getAsString());
        assertEquals(6000, report.get("pairs").getAsInt() + report.get("failures").getAsInt());
        assertEquals(report.get("threshold").getAsDouble(), TeacherEmbedder.THRESHOLD, 1e-4);
    }
}
