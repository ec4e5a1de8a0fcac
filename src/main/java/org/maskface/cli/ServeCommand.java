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
import org.maskface.server.MaskfaceServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
    "Run the REST service and the web page (enrol, recognise masked faces, verify) until stopped.",
    "Prints the page's address with the API key. An empty gallery first gets the bundled demo people",
    "(one photo each; --no-demo to skip); the page offers masked photos of them to try."})
final class ServeCommand implements Callable<Integer> {

    static final String API_KEY_ENV = "MASKFACE_API_KEY";
    static final String SAMPLES_PROPERTY = "maskface.samples";

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key", description = "Key clients send in the X-API-Key header (default: $" + API_KEY_ENV
            + ", else a random one printed at start).")
    String apiKey;

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

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.cores();
        int w = workers != null ? workers : cores;
        if (w < 1 || (queue != null && queue < 0) || maxRequestMb <= 0 || timeoutS <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--workers must be >= 1, --queue >= 0, --max-request-mb and --timeout-s > 0");
        }
        Runtime.threads(Math.max(1, cores / w)); // one worker per core must not oversubscribe them
        String key = apiKey != null ? apiKey : System.getenv(API_KEY_ENV);
        boolean generated = key == null || key.isBlank();
        if (generated) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            key = HexFormat.of().formatHex(b);
        }
        Path samples = Path.of(System.getProperty(SAMPLES_PROPERTY, "samples"));
        var out = spec.commandLine().getOut();
        out.println("maskface: opening models and gallery " + gallery.dir() + " ...");
        ModelHub hub = ModelHub.openDefault();
        MaskfaceServer.Builder b = MaskfaceServer.builder().setModels(hub).setGallery(gallery.dir()).setApiKey(key)
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
        out.printf("maskface: open http://%s:%d/#key=%s%n", shown, server.port(), key);
        if (!generated) {
            out.println("maskface: (the key is the one you gave)");
        }
        out.println("maskface: API: http://" + shown + ":" + server.port() + "/openapi.json; stop with Ctrl-C");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
