package org.maskface.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maskface.model.ModelHub;
import org.maskface.server.Http.Answer;
import org.maskface.server.Http.Part;

/** Under more load than it has workers for, the server sheds requests with 429 / 503 and keeps answering. */
class ServerOverloadTest {

    static final Path PHOTO = Path.of("samples/faces/rmfd_masked_01.png");

    @TempDir
    static Path tmp;
    static ModelHub hub;

    @BeforeAll
    static void open() {
        hub = ModelHub.openDefault();
    }

    @AfterAll
    static void close() {
        hub.close();
    }

    static List<Answer> concurrently(Http http, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> http.postMultipart("/v1/recognize", List.of(Part.image(PHOTO)))));
            }
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> f : answers) {
                out.add(f.get());
            }
            return out;
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void fullQueueAnswers429AndTheRestAreServed() throws Exception {
        try (MaskfaceServer server = MaskfaceServer.builder().setModels(hub).setGallery(tmp.resolve("a")).setApiKey("k")
                .optPort(0).optWorkers(1).optQueue(1).start()) {
            Http http = new Http(server.localUrl(), "k");
            List<Answer> answers = concurrently(http, 8);
            long ok = answers.stream().filter(a -> a.status() == 200).count();
            long busy = answers.stream().filter(a -> a.status() == 429).count();
            assertEquals(8, ok + busy, "only 200 or 429: " + answers.stream().map(Answer::status).toList());
            assertTrue(ok >= 1 && busy >= 1, "some served, some shed: " + ok + " / " + busy);
            Answer shed = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
            assertEquals("busy", shed.code());
            assertEquals("1", shed.raw().headers().firstValue("Retry-After").orElse(""));
            assertEquals(200, http.postMultipart("/v1/recognize", List.of(Part.image(PHOTO))).status(), "recovered");
        }
    }

    @Test
    void requestPastItsTimeLimitAnswers503() throws Exception {
        try (MaskfaceServer server = MaskfaceServer.builder().setModels(hub).setGallery(tmp.resolve("b")).setApiKey("k")
                .optPort(0).optWorkers(1).optTimeout(Duration.ofMillis(1)).start()) {
            Http http = new Http(server.localUrl(), "k");
            Answer a = http.postMultipart("/v1/recognize", List.of(Part.image(PHOTO)));
            assertEquals(503, a.status(), a.raw().body());
            assertEquals("timeout", a.code());
            assertEquals(200, http.withKey(null).get("/health").status());
        }
    }
}
