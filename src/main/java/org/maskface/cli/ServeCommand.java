package org.maskface.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.maskface.model.ModelHub;
import org.maskface.server.ApiKeys;
import org.maskface.server.MaskfaceServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
    "Run the REST service and the web page (enrol, recognise masked faces, verify) until stopped.",
    "Keys: --api-keys FILE (lines 'ROLE KEY [LABEL]', roles read, write, admin), else one admin key from",
    "$MASKFACE_API_KEY or --api-key, else a random admin key, printed in the page's address (the only key",
    "ever printed). An empty gallery first gets the bundled demo people",
    "(one photo each; --no-demo to skip); the page offers masked photos of them to try."})
final class ServeCommand implements Callable<Integer> {

    static final String API_KEY_ENV = "MASKFACE_API_KEY";
    static final String SAMPLES_PROPERTY = "maskface.samples";

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key", description = "One admin key clients send in the X-API-Key header (default: $"
            + API_KEY_ENV + ", else a random one printed at start). Visible to other users in `ps`: prefer $"
            + API_KEY_ENV + " or --api-keys.")
    String apiKey;

    @Option(names = "--api-keys", paramLabel = "FILE", description = "Key file: one 'ROLE KEY [LABEL]' per line, "
            + "ROLE read (recognise, verify, list), write (also enrol and forget) or admin; keep it mode 600.")
    Path apiKeysFile;

    @Option(names = "--workers", description = "Requests worked on at once (default: the number of cores).")
    Integer workers;

    @Option(names = "--queue", description = "Requests that may wait for a worker; more get 429 (default: 4 x workers).")
    Integer queue;

    @Option(names = "--max-request-mb", defaultValue = "10", description = "Largest request body in MB; larger get 413 (default: ${DEFAULT-VALUE}).")
    double maxRequestMb;

    @Option(names = "--timeout-s", defaultValue = "10", description = "Time limit per request in seconds, waiting included; "
            + "past it 503 (default: ${DEFAULT-VALUE}).")
    double timeoutS;

    @Option(names = "--no-demo", description = "Do not enrol the demo people into an empty gallery.")
    boolean noDemo;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    private static boolean readableByOthers(Path file) {
        try {
            var perms = Files.getPosixFilePermissions(file);
            return perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.cores();
        int w = workers != null ? workers : cores;
        if (w < 1 || (queue != null && queue < 0) || maxRequestMb <= 0 || timeoutS <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--workers must be >= 1, --queue >= 0, --max-request-mb and --timeout-s > 0");
        }
        Runtime.threads(Math.max(1, cores / w)); // one worker per core must not oversubscribe them
        var err = spec.commandLine().getErr();
        if (apiKeysFile != null && apiKey != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--api-key and --api-keys: give one");
        }
        ApiKeys keys;
        String generatedKey = null;
        if (apiKeysFile != null) {
            try {
                keys = ApiKeys.load(apiKeysFile);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), apiKeysFile + ": file not found");
            } catch (java.io.IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (readableByOthers(apiKeysFile)) {
                err.println("maskface: warning: " + apiKeysFile + " can be read by other users; chmod 600 it");
            }
        } else {
            if (apiKey != null) {
                err.println("maskface: warning: --api-key is visible to every user of this machine (ps, /proc); "
                        + "use $" + API_KEY_ENV + " or --api-keys FILE");
            }
            String key = apiKey != null ? apiKey : System.getenv(API_KEY_ENV);
            if (key == null || key.isBlank()) {
                byte[] b = new byte[16];
                new SecureRandom().nextBytes(b);
                key = HexFormat.of().formatHex(b);
                generatedKey = key;
            }
            keys = ApiKeys.single(key);
        }
        Path samples = Path.of(System.getProperty(SAMPLES_PROPERTY, "samples"));
        var out = spec.commandLine().getOut();
        out.println("maskface: opening models and gallery " + gallery.dir() + " ...");
        ModelHub hub = ModelHub.openDefault();
        MaskfaceServer.Builder b = MaskfaceServer.builder().setModels(hub).setGallery(gallery.dir()).setApiKeys(keys)
                .optMethod(gallery.method.name).optHost(host).optPort(port).optWorkers(w)
                .optMaxRequestBytes((long) (maxRequestMb * 1024 * 1024))
                .optTimeout(Duration.ofMillis((long) (timeoutS * 1000)))
                .optSamples(samples.resolve("masked"));
        if (queue != null) {
            b.optQueue(queue);
        }
        MaskfaceServer server = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            hub.close();
            stopped.countDown();
        }, "maskface-shutdown"));
        if (!noDemo && Files.isDirectory(samples.resolve("faces"))) {
            List<String> demo = server.enrollDemo(samples.resolve("faces"));
            if (!demo.isEmpty()) {
                out.println("maskface: enrolled the demo people " + demo + " (one photo each; `maskface forget NAME` "
                        + "or --no-demo on an empty gallery to avoid)");
            }
        }
        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        out.printf("maskface: serving %d subject(s) with method %s, %d worker(s)%n", server.gallery().subjects().size(),
                gallery.method.name, w);
        if (generatedKey != null) { // the only key maskface ever prints: one it made, which nobody else knows
            out.printf("maskface: open http://%s:%d/#key=%s%n", shown, server.port(), generatedKey);
        } else {
            out.printf("maskface: open http://%s:%d/ and enter your API key (%d key(s) accepted)%n", shown,
                    server.port(), keys.size());
        }
        out.println("maskface: API: http://" + shown + ":" + server.port() + "/openapi.json; stop with Ctrl-C");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
