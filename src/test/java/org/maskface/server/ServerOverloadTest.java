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

    @Test
    void anEnrolmentPastItsTimeLimitWritesNothingAndLaterWritesWork() throws Exception {
        // The time limit used to cancel the worker with an interrupt; landing in Lucene's file I/O it
        // closed the index writer and released its lock: every later write failed with 500.
        Path gallery = tmp.resolve("c");
        Path face = Path.of("samples/faces/lfw_colin_powell_0095.png");
        try (MaskfaceServer server = MaskfaceServer.builder().setModels(hub).setGallery(gallery).setApiKey("k")
                .optPort(0).optWorkers(1).optTimeout(Duration.ofSeconds(3)).start()) {
            Http http = new Http(server.localUrl(), "k");
            http.postMultipart("/v1/recognize", List.of(Part.image(face))); // first inference warms up
            List<Part> many = new ArrayList<>();
            for (int i = 0; i < 80; i++) { // far more than 3 s of model work on any machine
                many.add(Part.image(face));
            }
            Answer slow = http.postMultipart("/v1/subjects/Slow%20Enrolment/faces", many);
            assertEquals(503, slow.status(), slow.raw().body());
            assertEquals("timeout", slow.code());
            waitUntilIdle(http);
            assertEquals(404, http.get("/v1/subjects/Slow%20Enrolment").status(), "a timeout writes nothing");

            Answer enrolled = http.postMultipart("/v1/subjects/Colin%20Powell/faces", List.of(Part.image(face)));
            assertEquals(201, enrolled.status(), enrolled.raw().body());
            assertEquals(200, http.get("/v1/subjects/Colin%20Powell").status());
            assertEquals(200, http.delete("/v1/subjects/Colin%20Powell").status());
            assertEquals(404, http.get("/v1/subjects/Colin%20Powell").status());
            Answer health = http.withKey(null).get("/health");
            assertEquals("ok", health.json().get("status").getAsString(), health.raw().body());
            // the server still holds the gallery for writing: another writer is refused
            org.maskface.gallery.GalleryException locked = org.junit.jupiter.api.Assertions.assertThrows(
                    org.maskface.gallery.GalleryException.class, () -> org.maskface.gallery.Gallery.openExisting(
                            gallery, org.maskface.gallery.Gallery.Access.READ_WRITE).close());
            assertEquals(org.maskface.gallery.GalleryException.Reason.LOCKED, locked.reason());
        }
    }

    /** Waits (up to a minute) until no request is being worked on or waiting. */
    private static void waitUntilIdle(Http http) throws Exception {
        for (int i = 0; i < 600; i++) {
            Answer h = http.withKey(null).get("/health");
            if (h.json().get("active").getAsInt() == 0 && h.json().get("waiting").getAsInt() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server stayed busy for a minute");
    }
}
