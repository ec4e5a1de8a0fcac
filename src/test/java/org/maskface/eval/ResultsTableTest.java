package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    @TempDir
    Path dir;

    @Test
    void oneRowPerVerificationReportWithItsFigures() throws Exception {
        Files.writeString(dir.resolve("lfw-clean-teacher.json"), """
                {"benchmark": "lfw", "variant": "clean", "method": "teacher",
                 "accuracy": {"mean": 0.990666, "std": 0.00479}, "tarAtFar": {"1e-3": 0.96733, "1e-2": 0.99},
                 "auc": 0.998853, "pairs": 6000}
                """);
        Files.writeString(dir.resolve("lfw-both-masked-teacher.json"), """
                {"benchmark": "lfw", "variant": "both-masked", "method": "teacher",
                 "accuracy": {"mean": 0.9, "std": 0.01}, "tarAtFar": {"1e-3": null, "1e-2": 0.5},
                 "auc": null, "pairs": 5990}
                """);
        Files.writeString(dir.resolve("detection-x.json"), "{\"hitRate\": 0.9}");
        List<String> rows = ResultsTable.markdown(dir).lines().toList();
        assertEquals(4, rows.size(), String.join("\n", rows));
        assertEquals("| lfw | both-masked | teacher | 90.00 % ± 1.00 | – | 50.00 % | – | 5990 | `lfw-both-masked-teacher.json` |",
                rows.get(2));
        assertTrue(rows.get(3).startsWith("| lfw | clean | teacher | 99.07 % ± 0.48 | 96.73 % | 99.00 % | 0.99885 | 6000 |"),
                rows.get(3));
    }
}
