package org.maskface.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.maskface.eval.VerificationReport;

/**
 * The record of one training run, kept beside its weights: {@code run.json} (recipe, config,
 * seed, git commit, machine, command, start and end), {@code metrics.jsonl} (one JSON line per
 * logged value: step, name, value), {@code metrics.json} (final figures), curve PNGs, and a
 * {@code checkpoint/} folder of the networks' parameters every N steps so a stopped run can be
 * resumed. Every recipe writes through this, so any weights file can be traced to the exact code
 * and settings that made it.
 */
public final class TrainingRun implements AutoCloseable {

    private final Path dir;
    private final JsonObject record = new JsonObject();
    private final Instant started = Instant.now();
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private int checkpointStep;
    private int pauseAfter = Integer.MAX_VALUE;
    private BufferedWriter metrics;

    /** Thrown by the step loop when the run reached its pause step (a checkpoint of that step is written). */
    public static final class Paused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int step;

        public Paused(int step) {
            super("paused after step " + step);
            this.step = step;
        }

        public int step() {
            return step;
        }
    }

    /**
     * Stops training after global step {@code step} with a checkpoint of it (to split a long run over
     * sessions; {@code --resume} continues); the step loop throws {@link Paused} there.
     */
    public TrainingRun pauseAfter(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("pause step must be positive, got " + step);
        }
        this.pauseAfter = step;
        return this;
    }

    /** The step after which training pauses ({@link Integer#MAX_VALUE}: none). */
    public int pauseStep() {
        return pauseAfter;
    }

    private TrainingRun(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir} and writes {@code run.json}; the git commit is taken now, before training. */
    public static TrainingRun start(Path dir, String recipe, JsonObject config, long seed, String command)
            throws IOException {
        Files.createDirectories(dir);
        TrainingRun run = new TrainingRun(dir);
        run.record.addProperty("recipe", recipe);
        run.record.addProperty("seed", seed);
        run.record.addProperty("gitCommit", VerificationReport.detectGitCommit(Path.of(".")));
        run.record.addProperty("machine", VerificationReport.describeMachine());
        run.record.addProperty("command", command);
        run.record.addProperty("started", run.started.toString());
        run.record.add("config", config.deepCopy());
        run.writeRecord();
        run.metrics = Files.newBufferedWriter(dir.resolve(METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        return run;
    }

    static final String METRICS = "metrics.jsonl";
    static final String CHECKPOINT = "checkpoint";

    /**
     * Reopens the run in {@code dir} at its last checkpoint: the values it logged after that step
     * are dropped (they will be logged again), and run.json notes the resumption.
     *
     * @return the run; {@link #checkpointStep()} says where it stopped
     */
    public static TrainingRun resume(Path dir, String command) throws IOException {
        Path state = dir.resolve(CHECKPOINT).resolve("state.json");
        if (!Files.isRegularFile(state) || !Files.isRegularFile(dir.resolve("run.json"))) {
            throw new IOException(dir + ": no checkpoint to resume from (run.json and checkpoint/state.json are needed)");
        }
        TrainingRun run = new TrainingRun(dir);
        JsonObject old = JsonParser.parseString(Files.readString(dir.resolve("run.json"))).getAsJsonObject();
        old.entrySet().forEach(e -> run.record.add(e.getKey(), e.getValue()));
        int step = JsonParser.parseString(Files.readString(state)).getAsJsonObject().get("step").getAsInt();
        run.checkpointStep = step;
        JsonArray resumed = run.record.has("resumed") ? run.record.getAsJsonArray("resumed") : new JsonArray();
        JsonObject now = new JsonObject();
        now.addProperty("atStep", step);
        now.addProperty("time", run.started.toString());
        now.addProperty("command", command);
        now.addProperty("gitCommit", VerificationReport.detectGitCommit(Path.of(".")));
        resumed.add(now);
        run.record.add("resumed", resumed);
        run.writeRecord();
        List<String> kept = new ArrayList<>();
        Path metricsFile = dir.resolve(METRICS);
        if (Files.isRegularFile(metricsFile)) {
            for (Logged l : read(metricsFile)) {
                if (l.step() <= step) {
                    kept.add(l.line());
                    if (l.value() != null) {
                        run.series.computeIfAbsent(l.name(), k -> new ArrayList<>())
                                .add(new double[] {l.step(), l.value()});
                    }
                }
            }
        }
        Files.write(metricsFile, kept, StandardCharsets.UTF_8);
        run.metrics = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return run;
    }

    /** The (step, value) pairs a run in {@code dir} logged under {@code name}, in order. */
    public static List<double[]> series(Path dir, String name) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (Logged l : read(dir.resolve(METRICS))) {
            if (name.equals(l.name()) && l.value() != null) {
                out.add(new double[] {l.step(), l.value()});
            }
        }
        return out;
    }

    /** One line of the metrics log; {@code value} is null where the logged value was not finite. */
    private record Logged(String line, int step, String name, Double value) {
    }

    /** The lines of a metrics log; a line cut short (the run stopped while writing it) is left out. */
    private static List<Logged> read(Path file) throws IOException {
        List<Logged> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException e) {
                continue;
            }
            out.add(new Logged(line, o.get("step").getAsInt(), o.get("name").getAsString(),
                    o.get("value").isJsonNull() ? null : o.get("value").getAsDouble()));
        }
        return out;
    }

    /** The step of the checkpoint this run was resumed from; 0 for a new run. */
    public int checkpointStep() {
        return checkpointStep;
    }

    /**
     * Saves the named networks' parameters as the run's checkpoint at {@code step}, replacing the
     * previous one only once the new one is complete (a run killed while saving keeps the old).
     */
    public void checkpoint(int step, Map<String, Block> blocks) throws IOException {
        Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        for (var e : blocks.entrySet()) {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(tmp.resolve(e.getKey() + ".params"))))) {
                e.getValue().saveParameters(out);
            }
        }
        JsonObject state = new JsonObject();
        state.addProperty("step", step);
        state.addProperty("time", Instant.now().toString());
        Files.writeString(tmp.resolve("state.json"), pretty(state) + "\n", StandardCharsets.UTF_8);
        Path target = dir.resolve(CHECKPOINT);
        Path old = dir.resolve(CHECKPOINT + ".old");
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /**
     * Loads the checkpoint's parameters into the named networks (already initialised with the same
     * shapes). Call it before making their trainers: a trainer keeps the parameter arrays it finds.
     */
    public void loadCheckpoint(Map<String, Block> blocks, NDManager manager) throws IOException {
        Path cp = dir.resolve(CHECKPOINT);
        for (var e : blocks.entrySet()) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(cp.resolve(e.getKey() + ".params"))))) {
                e.getValue().loadParameters(manager, in);
                // loaded arrays are new: those that train need gradient buffers (blocks whose children hold
                // pretrained values are not re-initialised, which is where DJL would attach them)
                e.getValue().getParameters().values().stream().filter(p -> p.requiresGradient())
                        .forEach(p -> p.getArray().setRequiresGradient(true));
            } catch (MalformedModelException ex) {
                throw new IOException(cp + ": " + e.getKey() + " does not fit the network: " + ex.getMessage(), ex);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** What identifies the run (recipe, seed, commit, config): stored in the weights file too. */
    public JsonObject record() {
        return record.deepCopy();
    }

    /** Appends one value of a named series (e.g. "loss", "heldOutIoU") at a step. */
    public void log(int step, String name, double value) throws IOException {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {step, value});
        metrics.write(String.format(Locale.ROOT, "{\"step\":%d,\"name\":\"%s\",\"value\":%s}%n", step, name,
                Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null"));
        metrics.flush();
    }

    /** Plots the named series against the step into {@code dir/fileName} (PNG). */
    public Path plot(String fileName, String title, String... names) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(440).title(title).xAxisTitle("step").build();
        for (String name : names) {
            List<double[]> s = series.get(name);
            if (s == null || s.isEmpty()) {
                continue;
            }
            double[] x = s.stream().mapToDouble(v -> v[0]).toArray();
            double[] y = s.stream().mapToDouble(v -> v[1]).toArray();
            chart.addSeries(name, x, y).setMarker(s.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        Path file = dir.resolve(fileName);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    /** Writes {@code metrics.json} and completes {@code run.json} with the end time and duration. */
    public void finish(JsonObject metrics) throws IOException {
        Instant end = Instant.now();
        record.addProperty("finished", end.toString());
        record.addProperty("seconds", Duration.between(started, end).toSeconds());
        record.add("metrics", metrics.deepCopy());
        writeRecord();
        Files.writeString(dir.resolve("metrics.json"), pretty(metrics) + "\n", StandardCharsets.UTF_8);
    }

    private void writeRecord() throws IOException {
        Files.writeString(dir.resolve("run.json"), pretty(record) + "\n", StandardCharsets.UTF_8);
    }

    static String pretty(JsonObject o) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o);
    }

    @Override
    public void close() throws IOException {
        if (metrics != null) {
            metrics.close();
        }
    }
}
