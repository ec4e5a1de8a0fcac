package org.maskface.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.maskface.api.FaceJson;
import org.maskface.face.NoFaceException;
import org.maskface.gallery.EnrolledFace;
import org.maskface.gallery.Gallery;
import org.maskface.gallery.GalleryException;
import org.maskface.gallery.Recognizer;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageFiles;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST service and web page: Javalin over a {@link RecognitionPool} and one {@link Gallery}.
 * Routes and answers are documented in {@code /openapi.json} (src/main/resources/server/openapi.json,
 * which a test keeps equal to the routes registered here). Every {@code /v1} route needs the API
 * key in the {@value #API_KEY_HEADER} header; {@code /health}, {@code /openapi.json}, the page and
 * the demo samples do not.
 */
public final class MaskfaceServer implements AutoCloseable {

    public static final String API_KEY_HEADER = "X-API-Key";
    /** Multipart field (repeatable when enrolling) that carries the photo. */
    public static final String IMAGE_FIELD = "image";
    public static final int MAX_TOP = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MaskfaceServer.class);

    private final RecognitionPool pool;
    private final Gallery gallery;
    private final ApiKeys apiKeys;
    private final long maxRequestBytes;
    private final Duration timeout;
    private final Path samples;
    private final Javalin app;

    private MaskfaceServer(Builder b) {
        this.apiKeys = b.apiKeys;
        this.maxRequestBytes = b.maxRequestBytes;
        this.timeout = b.timeout;
        this.samples = b.samples;
        this.pool = new RecognitionPool(b.hub, b.method, b.workers, b.queue < 0 ? 4 * b.workers : b.queue);
        Gallery g;
        try {
            g = Gallery.open(b.galleryDir, pool.any().galleryInfo(), Gallery.Access.READ_WRITE);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        this.gallery = g;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.http.maxRequestSize = maxRequestBytes;
            config.jetty.multipartConfig.maxFileSize(maxRequestBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxRequestBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, maxRequestBytes), SizeUnit.BYTES);
            config.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
                // the page loads nothing from elsewhere; this keeps it so even if a name or message slipped through
                s.headers = java.util.Map.of("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                        + "media-src 'self' blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
                        "X-Content-Type-Options", JsonErrorHandler.NOSNIFF);
            });
        });
        routes();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private ModelHub hub;
        private Path galleryDir;
        private ApiKeys apiKeys;
        private String method = org.maskface.face.embed.Methods.DEFAULT;
        private String host = "127.0.0.1";
        private int port = 8080;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int queue = -1;
        private long maxRequestBytes = 10L * 1024 * 1024;
        private Duration timeout = Duration.ofSeconds(10);
        private Path samples;

        public Builder setModels(ModelHub hub) {
            this.hub = hub;
            return this;
        }

        /** Gallery folder (created when missing). */
        public Builder setGallery(Path dir) {
            this.galleryDir = dir;
            return this;
        }

        /** One admin key, which every {@code /v1} request must carry in {@value #API_KEY_HEADER}. */
        public Builder setApiKey(String key) {
            this.apiKeys = ApiKeys.single(key);
            return this;
        }

        /** The keys {@code /v1} requests may carry, each with its role. */
        public Builder setApiKeys(ApiKeys keys) {
            this.apiKeys = keys;
            return this;
        }

        public Builder optMethod(String method) {
            this.method = method;
            return this;
        }

        public Builder optHost(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder optPort(int port) {
            this.port = port;
            return this;
        }

        /** Requests worked on at once (each worker holds its own models); default: the cores. */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Requests that may wait for a worker before new ones get 429; default 4 × workers. */
        public Builder optQueue(int queue) {
            this.queue = queue;
            return this;
        }

        /** Largest request body accepted (413 above). */
        public Builder optMaxRequestBytes(long bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        /** Time limit per request, waiting included (503 {@code timeout} past it). */
        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** A folder of sample photos the page offers to try (served without a key). */
        public Builder optSamples(Path dir) {
            this.samples = dir;
            return this;
        }

        public MaskfaceServer start() {
            Objects.requireNonNull(hub, "setModels");
            Objects.requireNonNull(galleryDir, "setGallery");
            if (apiKeys == null) {
                throw new IllegalArgumentException("setApiKey or setApiKeys: an API key is required");
            }
            if (maxRequestBytes < 1024 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("maxRequestBytes must be >= 1024 and the timeout positive");
            }
            MaskfaceServer s = new MaskfaceServer(this);
            try {
                s.app.start(host, port);
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }
    }

    public int port() {
        return app.port();
    }

    public Gallery gallery() {
        return gallery;
    }

    /**
     * Enrols the bundled demo people into an empty gallery: for each person in {@code dir} named
     * like {@code lfw_colin_powell_0095.png}, the first photo (by name) as "Colin Powell"; the
     * others stay unenrolled, to be recognised. Returns the subjects enrolled (none when the
     * gallery already holds faces).
     */
    public List<String> enrollDemo(Path dir) throws Exception {
        if (gallery.faceCount() > 0) {
            return List.of();
        }
        java.util.Map<String, Path> firstOfPerson = new java.util.TreeMap<>();
        for (Path p : ImageFiles.photosUnder(dir)) {
            java.util.regex.Matcher m = DEMO_NAME.matcher(p.getFileName().toString());
            if (m.matches()) {
                firstOfPerson.merge(personName(m.group(1)), p, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        for (var e : firstOfPerson.entrySet()) {
            RgbImage img = ImageLoader.load(e.getValue());
            pool.run((r, t) -> r.enroll(gallery, e.getKey(), img, e.getValue().getFileName().toString()),
                    System.nanoTime() + Duration.ofMinutes(1).toNanos());
        }
        return List.copyOf(firstOfPerson.keySet());
    }

    private static final java.util.regex.Pattern DEMO_NAME = java.util.regex.Pattern.compile("lfw_([a-z_]+?)_\\d{4}\\.png");

    /** "colin_powell" → "Colin Powell". */
    static String personName(String snake) {
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    /** One route of the service; {@link #ROUTES} is the whole list (and what openapi.json documents). */
    public record Route(String method, String path) {
    }

    /** Every route and, given a server, its handler: the one table the routes are registered from. */
    private static final java.util.Map<Route, java.util.function.Function<MaskfaceServer, io.javalin.http.Handler>> HANDLERS;

    static {
        java.util.Map<Route, java.util.function.Function<MaskfaceServer, io.javalin.http.Handler>> h =
                new java.util.LinkedHashMap<>();
        h.put(new Route("get", "/health"), s -> s::health);
        h.put(new Route("get", "/openapi.json"), s -> MaskfaceServer::openApi);
        h.put(new Route("post", "/v1/recognize"), s -> s::recognize);
        h.put(new Route("post", "/v1/verify"), s -> s::verify);
        h.put(new Route("get", "/v1/subjects"), s -> s::subjects);
        h.put(new Route("get", "/v1/subjects/{name}"), s -> s::subject);
        h.put(new Route("delete", "/v1/subjects/{name}"), s -> s::forget);
        h.put(new Route("post", "/v1/subjects/{name}/faces"), s -> s::enroll);
        h.put(new Route("delete", "/v1/subjects/{name}/faces/{faceId}"), s -> s::forgetFace);
        h.put(new Route("get", "/samples"), s -> s::sampleList);
        h.put(new Route("get", "/samples/{file}"), s -> s::sample);
        HANDLERS = java.util.Collections.unmodifiableMap(h);
    }

    /** Every route the server answers, in the OpenAPI document's terms ({@code {name}} path parameters). */
    public static final List<Route> ROUTES = List.copyOf(HANDLERS.keySet());

    /** The role a {@code /v1} route needs: reading for recognition and listings, writing to change the gallery. */
    static ApiKeys.Role roleFor(Route r) {
        return r.method().equals("get") || r.path().equals("/v1/recognize") || r.path().equals("/v1/verify")
                ? ApiKeys.Role.READ : ApiKeys.Role.WRITE;
    }

    private static final String ROLE_ATTRIBUTE = "maskface.role";

    private void routes() {
        app.before(ctx -> ctx.header("X-Content-Type-Options", JsonErrorHandler.NOSNIFF)); // no sniffing a JSON answer as HTML
        app.before(this::limitBody);
        app.before("/v1/*", this::requireKey);
        HANDLERS.forEach((route, handler) -> {
            io.javalin.http.Handler h = handler.apply(this);
            io.javalin.http.Handler guarded = !route.path().startsWith("/v1/") ? h : ctx -> {
                ApiKeys.Role needed = roleFor(route);
                ApiKeys.Role role = ctx.attribute(ROLE_ATTRIBUTE);
                if (role == null || !role.allows(needed)) {
                    throw ApiError.FORBIDDEN.with("this API key may " + (role == null ? "do nothing" : "only "
                            + (role == ApiKeys.Role.READ ? "recognise, verify and list" : role.cliName()))
                            + "; " + route.method().toUpperCase(Locale.ROOT) + " " + route.path() + " needs a "
                            + needed.cliName() + " key");
                }
                h.handle(ctx);
            };
            app.addHttpHandler(io.javalin.http.HandlerType.valueOf(route.method().toUpperCase(Locale.ROOT)),
                    route.path(), guarded);
        });

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.error(), e.getMessage()));
        app.exception(GalleryException.class, (e, ctx) -> {
            ApiException a = galleryError(e);
            error(ctx, a.error(), a.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, switch (e.getStatus()) {
            case 413 -> ApiError.PAYLOAD_TOO_LARGE;
            case 404 -> ApiError.NOT_FOUND;
            default -> ApiError.BAD_PARAMETER;
        }, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            if (isSizeLimit(e)) {
                error(ctx, ApiError.PAYLOAD_TOO_LARGE, "request larger than " + maxRequestBytes + " bytes");
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, ApiError.INTERNAL, "internal error (" + e.getClass().getSimpleName() + "); see the server log");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, ApiError.NOT_FOUND, "no such route: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, ApiError.NOT_FOUND, "no such route: " + ctx.method() + " " + ctx.path()));
    }

    // ---- request checks ------------------------------------------------------------------

    /** Refuses a body over the cap before reading it (413), from its declared length. */
    private void limitBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxRequestBytes) {
            ctx.header("Connection", "close");
            throw ApiError.PAYLOAD_TOO_LARGE.with("request body of " + length + " bytes is over the limit of "
                    + maxRequestBytes + " bytes");
        }
    }

    private void requireKey(Context ctx) {
        String given = ctx.header(API_KEY_HEADER);
        if (given == null || given.isEmpty()) {
            throw ApiError.MISSING_API_KEY.with("send the API key in the " + API_KEY_HEADER + " header");
        }
        // constant time: the comparison must not tell how much of a guess was right
        ApiKeys.Role role = apiKeys.roleOf(given).orElseThrow(() ->
                ApiError.INVALID_API_KEY.with("the API key in " + API_KEY_HEADER + " is not this server's"));
        ctx.attribute(ROLE_ATTRIBUTE, role);
    }

    private static boolean isSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("exceeds maxRequestSize") || m.contains("exceeds maxFileSize")
                    || m.contains("Form is larger than"))) {
                return true;
            }
        }
        return false;
    }

    // ---- handlers -------------------------------------------------------------------------

    private static void openApi(Context ctx) throws IOException {
        try (InputStream in = MaskfaceServer.class.getResourceAsStream("/server/openapi.json")) {
            ctx.contentType("application/json").result(Objects.requireNonNull(in).readAllBytes());
        }
    }

    private void health(Context ctx) {
        JsonObject o = new JsonObject();
        String writeProblem = gallery.writeProblem();
        o.addProperty("status", writeProblem == null ? "ok" : "degraded");
        o.addProperty("gallery", writeProblem == null ? "writable" : writeProblem);
        String version = MaskfaceServer.class.getPackage().getImplementationVersion();
        o.addProperty("version", version == null ? "dev" : version);
        o.addProperty("method", gallery.info().method());
        o.addProperty("model", gallery.info().model());
        o.addProperty("faces", gallery.faceCount()); // cheap at any size, unlike counting subjects
        o.addProperty("workers", pool.workers());
        o.addProperty("active", pool.active());
        o.addProperty("waiting", pool.waiting());
        o.addProperty("queueCapacity", pool.queueCapacity());
        o.addProperty("maxRequestBytes", maxRequestBytes);
        o.addProperty("timeoutMs", timeout.toMillis());
        json(ctx, 200, o);
    }

    private void recognize(Context ctx) throws Exception {
        long deadline = deadline();
        long start = System.nanoTime();
        pool.admit();
        Upload upload = singleImage(ctx);
        int top = intParam(ctx, "top", 5, 1, MAX_TOP);
        boolean images = boolParam(ctx, "images");
        JsonObject o = pool.run((r, t) -> {
            RgbImage img = decode(upload);
            List<Recognizer.Recognized> faces = noFaceAs422(() -> r.recognize(img, gallery, top));
            JsonObject res = header(r);
            JsonObject size = new JsonObject();
            size.addProperty("width", img.width());
            size.addProperty("height", img.height());
            res.add("image", size);
            JsonArray arr = new JsonArray();
            boolean deocclusion = false;
            for (Recognizer.Recognized f : faces) {
                JsonObject fo = FaceJson.recognized(f);
                if (images) {
                    fo.addProperty("aligned", pngDataUrl(f.face().aligned().crop()));
                    Optional<RgbImage> done = r.embedder().deoccluded(f.face().aligned());
                    fo.add("deoccluded", done.isPresent() ? new com.google.gson.JsonPrimitive(pngDataUrl(done.get()))
                            : JsonNull.INSTANCE);
                    deocclusion |= done.isPresent();
                }
                arr.add(fo);
            }
            if (images && !deocclusion) {
                res.addProperty("deocclusion", "method '" + r.method() + "' recognises the face as it is and paints "
                        + "nothing over the mask; 'aligned' is what it saw");
            }
            res.add("faces", arr);
            return res;
        }, deadline);
        o.addProperty("tookMs", (System.nanoTime() - start) / 1_000_000);
        json(ctx, 200, o);
    }

    private void verify(Context ctx) throws Exception {
        long deadline = deadline();
        pool.admit();
        Upload upload = singleImage(ctx);
        String subject = subjectName(param(ctx, "subject"));
        if (gallery.faceCount(subject) == 0) { // answer before the models run
            throw ApiError.UNKNOWN_SUBJECT.with("no subject '" + subject + "' in the gallery");
        }
        JsonObject o = pool.run((r, t) -> {
            RgbImage img = decode(upload);
            Recognizer.Verified v = noFaceAs422(() -> r.verify(gallery, subject, img));
            JsonObject res = header(r);
            res.addProperty("subject", subject);
            res.addProperty("same", v.same());
            res.addProperty("similarity", FaceJson.round(v.match().similarity(), 6));
            res.addProperty("faceId", v.match().faceId());
            res.add("face", FaceJson.face(v.face()));
            return res;
        }, deadline);
        json(ctx, 200, o);
    }

    private void enroll(Context ctx) throws Exception {
        long deadline = deadline();
        String subject = subjectName(ctx.pathParam("name"));
        pool.admit();
        List<Upload> uploads = images(ctx);
        List<Recognizer.Enrolled> enrolled = pool.run((r, t) -> {
            List<Recognizer.Photo> photos = new ArrayList<>();
            for (Upload u : uploads) {
                photos.add(new Recognizer.Photo(decode(u), u.name()));
            }
            return noFaceAs422(() -> r.enrollAll(gallery, subject, photos, t));
        }, deadline);
        JsonObject o = new JsonObject();
        o.addProperty("subject", subject);
        JsonArray arr = new JsonArray();
        for (int i = 0; i < enrolled.size(); i++) {
            Recognizer.Enrolled e = enrolled.get(i);
            JsonObject fo = new JsonObject();
            fo.addProperty("faceId", e.faceId());
            fo.addProperty("source", uploads.get(i).name());
            fo.add("box", FaceJson.box(e.face().box()));
            FaceJson.addOcclusion(fo, e.face());
            arr.add(fo);
        }
        o.add("enrolled", arr);
        o.addProperty("faces", gallery.faceCount(subject));
        json(ctx, 201, o);
    }

    private void subjects(Context ctx) {
        json(ctx, 200, FaceJson.subjects(gallery.info(), gallery.subjects(), gallery.faceCount()));
    }

    private void subject(Context ctx) {
        String name = subjectName(ctx.pathParam("name"));
        List<EnrolledFace> faces = gallery.faces(name);
        if (faces.isEmpty()) {
            throw ApiError.UNKNOWN_SUBJECT.with("no subject '" + name + "' in the gallery");
        }
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        JsonArray arr = new JsonArray();
        for (EnrolledFace f : faces) {
            JsonObject fo = new JsonObject();
            fo.addProperty("faceId", f.faceId());
            fo.addProperty("source", f.source());
            fo.addProperty("enrolledAt", Instant.ofEpochMilli(f.enrolledAt()).toString());
            if (!Double.isNaN(f.occlusion())) {
                fo.addProperty("occlusion", FaceJson.round(f.occlusion(), 4));
            }
            arr.add(fo);
        }
        o.add("faces", arr);
        json(ctx, 200, o);
    }

    private void forget(Context ctx) {
        String name = subjectName(ctx.pathParam("name"));
        int removed = gallery.forget(name);
        if (removed == 0) {
            throw ApiError.UNKNOWN_SUBJECT.with("no subject '" + name + "' in the gallery");
        }
        JsonObject o = new JsonObject();
        o.addProperty("subject", name);
        o.addProperty("removed", removed);
        json(ctx, 200, o);
    }

    private void forgetFace(Context ctx) {
        String name = subjectName(ctx.pathParam("name"));
        String faceId = ctx.pathParam("faceId");
        boolean ofSubject = gallery.faces(name).stream().anyMatch(f -> f.faceId().equals(faceId));
        if (!ofSubject || !gallery.forgetFace(faceId)) {
            throw ApiError.UNKNOWN_FACE.with("no face '" + faceId + "' of subject '" + name + "'");
        }
        JsonObject o = new JsonObject();
        o.addProperty("subject", name);
        o.addProperty("faceId", faceId);
        o.addProperty("removed", 1);
        json(ctx, 200, o);
    }

    private void sampleList(Context ctx) throws IOException {
        JsonArray arr = new JsonArray();
        if (samples != null && Files.isDirectory(samples)) {
            for (Path p : ImageFiles.photosUnder(samples)) {
                if (p.getParent().equals(samples)) {
                    JsonObject so = new JsonObject();
                    so.addProperty("name", p.getFileName().toString());
                    so.addProperty("url", "/samples/" + p.getFileName());
                    arr.add(so);
                }
            }
        }
        JsonObject o = new JsonObject();
        o.add("samples", arr);
        json(ctx, 200, o);
    }

    private void sample(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        // a plain file name inside the samples folder: no paths, no hidden files
        if (samples == null || !file.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*\\.(png|jpg|jpeg)")
                || !Files.isRegularFile(samples.resolve(file))) {
            throw ApiError.NOT_FOUND.with("no sample '" + file + "'");
        }
        ctx.contentType(file.endsWith(".png") ? "image/png" : "image/jpeg").result(Files.readAllBytes(samples.resolve(file)));
    }

    // ---- helpers --------------------------------------------------------------------------

    /** An uploaded photo's bytes and name. */
    private record Upload(byte[] bytes, String name) {
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    private Upload singleImage(Context ctx) throws IOException {
        List<Upload> all = images(ctx);
        if (all.size() > 1) {
            throw ApiError.BAD_PARAMETER.with("send one photo in '" + IMAGE_FIELD + "', not " + all.size());
        }
        return all.get(0);
    }

    /**
     * The photos of a request: multipart field {@value #IMAGE_FIELD} (repeatable), or the whole
     * body when it is sent as {@code image/*}.
     */
    private List<Upload> images(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (ctx.isMultipart()) {
            List<UploadedFile> files = multipartFiles(ctx);
            if (files.isEmpty()) {
                throw ApiError.MISSING_IMAGE.with("no file in multipart field '" + IMAGE_FIELD + "'");
            }
            List<Upload> out = new ArrayList<>();
            for (UploadedFile f : files) {
                try (InputStream in = f.content()) {
                    String name = f.filename() == null || f.filename().isBlank() ? "upload" : f.filename();
                    out.add(new Upload(in.readAllBytes(), name));
                }
            }
            return out;
        }
        if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            byte[] body = boundedBody(ctx);
            if (body.length == 0) {
                throw ApiError.MISSING_IMAGE.with("the request body is empty");
            }
            return List.of(new Upload(body, "upload"));
        }
        throw ApiError.UNSUPPORTED_MEDIA_TYPE.with("send the photo as multipart/form-data in field '" + IMAGE_FIELD
                + "' or as the body with an image/* content type, not '" + (type.isEmpty() ? "no content type" : type) + "'");
    }

    /**
     * The body, read up to the size limit: a chunked body declares no length, so the limit is
     * enforced on the bytes themselves (413 as soon as one byte too many arrives).
     */
    private byte[] boundedBody(Context ctx) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, maxRequestBytes + 1);
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(cap);
        }
        if (body.length > maxRequestBytes) {
            ctx.header("Connection", "close");
            throw ApiError.PAYLOAD_TOO_LARGE.with("request body over the limit of " + maxRequestBytes + " bytes");
        }
        return body;
    }

    /** The files of field {@value #IMAGE_FIELD}; a body that is not valid multipart is a 400, not a 500. */
    private List<UploadedFile> multipartFiles(Context ctx) {
        try {
            return ctx.uploadedFiles(IMAGE_FIELD);
        } catch (Exception e) {
            throw multipartProblem(e, "request larger than " + maxRequestBytes + " bytes");
        }
    }

    /**
     * What a failure to parse a multipart body answers: 413 when it was over the size limit, else
     * 400 (Jetty's parse errors arrive unchecked or, through Kotlin, as a checked IOException).
     */
    private static ApiException multipartProblem(Exception e, String tooLarge) {
        if (isSizeLimit(e)) {
            return ApiError.PAYLOAD_TOO_LARGE.with(tooLarge);
        }
        return ApiError.BAD_PARAMETER.with("malformed multipart/form-data body: " + shortReason(e));
    }

    /** The innermost message of {@code e}, without stack or class details a client cannot use. */
    private static String shortReason(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        m = m.replaceAll("\\p{Cntrl}", "?");
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static RgbImage decode(Upload u) {
        try {
            return ImageLoader.load(u.bytes(), u.name());
        } catch (BadImageException e) {
            throw ApiError.BAD_IMAGE.with(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface FaceWork<T> {
        T run() throws NoFaceException;
    }

    private static <T> T noFaceAs422(FaceWork<T> work) {
        try {
            return work.run();
        } catch (NoFaceException e) {
            throw ApiError.NO_FACE.with(e.getMessage());
        } catch (GalleryException e) {
            throw galleryError(e);
        }
    }

    private static ApiException galleryError(GalleryException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ApiError.UNKNOWN_SUBJECT.with(e.getMessage());
            case INVALID -> ApiError.INVALID_SUBJECT.with(e.getMessage());
            case STORAGE_FULL -> ApiError.STORAGE_FULL.with(e.getMessage());
            case IO, LOCKED, NOT_WRITABLE -> ApiError.GALLERY_UNAVAILABLE.with(e.getMessage());
            default -> ApiError.INTERNAL.with(e.getMessage());
        };
    }

    private static String subjectName(String name) {
        try {
            return Gallery.subjectName(name);
        } catch (GalleryException e) {
            throw ApiError.INVALID_SUBJECT.with(e.getMessage());
        }
    }

    private static String param(Context ctx, String name) {
        String v;
        try {
            v = ctx.isMultipart() ? ctx.formParam(name) : null;
        } catch (Exception e) {
            throw multipartProblem(e, "request over the size limit");
        }
        return v != null ? v : ctx.queryParam(name);
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = param(ctx, name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.BAD_PARAMETER.with("'" + name + "' must be a whole number from " + min + " to " + max
                    + ", not '" + v + "'");
        }
    }

    private static boolean boolParam(Context ctx, String name) {
        String v = param(ctx, name);
        if (v == null || v.isBlank() || v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        throw ApiError.BAD_PARAMETER.with("'" + name + "' must be true or false, not '" + v + "'");
    }

    private JsonObject header(Recognizer r) {
        JsonObject o = new JsonObject();
        o.addProperty("method", r.method());
        o.addProperty("model", r.embedder().model().tag());
        o.addProperty("threshold", r.embedder().threshold());
        return o;
    }

    private static String pngDataUrl(RgbImage img) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(ImageLoader.pngBytes(img));
    }

    private static void json(Context ctx, int status, JsonObject o) {
        ctx.status(status).contentType("application/json").result(o.toString());
    }

    private static void error(Context ctx, ApiError error, String message) {
        JsonObject e = new JsonObject();
        e.addProperty("code", error.code());
        e.addProperty("message", message);
        e.addProperty("status", error.status());
        JsonObject o = new JsonObject();
        o.add("error", e);
        if (error == ApiError.BUSY || error == ApiError.TIMEOUT) {
            ctx.header("Retry-After", "1");
        }
        json(ctx, error.status(), o);
    }

    /** The server's address on loopback, e.g. for tests. */
    public URI localUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    @Override
    public void close() {
        app.stop();
        pool.close();
        gallery.close();
    }
}
