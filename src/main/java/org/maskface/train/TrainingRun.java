package org.maskface.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * seed, git commit, machine, command, start and end), {@code metrics.csv} (one row per logged
 * step), {@code metrics.json} (final figures) and curve PNGs. Every recipe writes through this,
 * so any weights file can be traced to the exact code and settings that made it.
 */
public final class TrainingRun implements AutoCloseable {

    private final Path dir;
    private final JsonObject record = new JsonObject();
    private final Instant started = Instant.now();
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private BufferedWriter csv;

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
        run.csv = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        run.csv.write("step,name,value\n");
        return run;
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
        csv.write(String.format(Locale.ROOT, "%d,%s,%.6g%n", step, name, value));
        csv.flush();
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
        if (csv != null) {
            csv.close();
        }
    }
}
