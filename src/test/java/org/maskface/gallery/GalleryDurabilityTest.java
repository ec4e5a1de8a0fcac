package org.maskface.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.face.embed.FaceEmbedder;

/**
 * An acknowledged enrolment is never lost: a child process enrols faces one by one, is killed
 * with {@code kill -9} in the middle of its batch, and every face it acknowledged is found when
 * the gallery is reopened (three rounds into the same gallery).
 */
class GalleryDurabilityTest {

    static final GalleryInfo INFO = GalleryInfo.of("teacher", "faceapi-dlib-resnet128@1.7.15", 16, Map.of());

    static String subject(int i) {
        return "subject-" + (i % 7);
    }

    static float[] vector(int i) {
        Random r = new Random(i);
        float[] v = new float[16];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) r.nextGaussian();
        }
        return FaceEmbedder.normalize(v);
    }

    @TempDir
    Path tmp;

    @Test
    void acknowledgedEnrolmentsSurviveKillMinus9() throws Exception {
        Path dir = tmp.resolve("gallery");
        Map<Integer, String> acked = new LinkedHashMap<>();
        int next = 0;
        for (int round = 0; round < 3; round++) {
            int ackedBefore = acked.size();
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), EnrollingProcess.class.getName(), dir.toString(),
                    Integer.toString(next))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int wanted = 15 + 10 * round;
            String line;
            while (acked.size() - ackedBefore < wanted && (line = out.readLine()) != null) {
                record(acked, line);
            }
            assertEquals(wanted, acked.size() - ackedBefore, "the child stopped before enrolling " + wanted + " faces");
            // kill -9 while it is enrolling the next ones
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            while ((line = out.readLine()) != null) { // acknowledgements already in the pipe count too
                record(acked, line);
            }
            next = 1 + acked.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();

            try (Gallery g = Gallery.open(dir, INFO, Gallery.Access.READ_WRITE)) {
                int faces = g.faceCount();
                assertTrue(faces >= acked.size() && faces <= acked.size() + round + 1,
                        "round " + round + ": " + faces + " faces for " + acked.size() + " acknowledged");
                List<String> missing = new ArrayList<>();
                for (var e : acked.entrySet()) {
                    String subject = subject(e.getKey());
                    boolean present = g.faces(subject).stream().anyMatch(f -> f.faceId().equals(e.getValue()));
                    if (!present) {
                        missing.add(e.getKey() + "=" + e.getValue());
                    }
                }
                assertEquals(List.of(), missing, "acknowledged faces lost");
                int last = next - 1;
                assertEquals(acked.get(last), g.verify(vector(last), subject(last)).faceId());
            }
        }
    }

    private static void record(Map<Integer, String> acked, String line) {
        String[] f = line.split(" ");
        if (f.length == 3 && f[0].equals("ack")) {
            acked.put(Integer.parseInt(f[1]), f[2]);
        }
    }
}
