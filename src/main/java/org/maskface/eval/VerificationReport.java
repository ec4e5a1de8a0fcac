package org.maskface.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.maskface.eval.VerificationProtocol.FoldResult;
import org.maskface.eval.VerificationProtocol.Result;
import org.maskface.eval.VerificationProtocol.RocPoint;
import org.maskface.eval.VerificationProtocol.TarAtFar;

/**
 * A verification result with the facts needed to reproduce it, written as the JSON in
 * {@code docs/results/<benchmark>-<variant>-<method>.json} (DESIGN.md §5), plus a ROC plot.
 *
 * <p>JSON fields: {@code benchmark, variant, method, accuracy {mean, std, stdKind}, folds
 * [{fold, accuracy, threshold, pairs}], threshold} (the accuracy-maximising threshold on all
 * pairs) {@code , thresholdAccuracy, decisionRule, tarAtFar {"1e-3", "1e-2"}, tarAtFarDetail,
 * auc, pairs} (pairs scored) {@code , positives, negatives, failures} (pairs left out because an
 * image gave no embedding) {@code , command, seed, gitCommit, date, machine}. Unknown or
 * undefined values are JSON null.
 */
public final class VerificationReport {
    private final Result result;
    private final String benchmark;
    private final String variant;
    private final String method;
    private final int failures;
    private final String command;
    private final Long seed;
    private final String gitCommit;
    private final String date;
    private final String machine;
    private final JsonObject extra;

    private VerificationReport(Builder b) {
        this.result = b.result;
        this.benchmark = b.benchmark;
        this.variant = b.variant;
        this.method = b.method;
        this.failures = b.failures;
        this.command = b.command;
        this.seed = b.seed;
        this.gitCommit = b.gitCommit;
        this.date = b.date;
        this.machine = b.machine;
        this.extra = b.extra.deepCopy();
    }

    /** Starts a report; date and machine default to now and this machine, gitCommit to "unknown". */
    public static Builder builder(Result result) {
        return new Builder(result);
    }

    public Result result() {
        return result;
    }

    /** The conventional file name {@code <benchmark>-<variant>-<method>.json}. */
    public String fileName() {
        return benchmark + "-" + variant + "-" + method + ".json";
    }

    public JsonObject toJsonObject() {
        JsonObject o = new JsonObject();
        o.addProperty("benchmark", benchmark);
        o.addProperty("variant", variant);
        o.addProperty("method", method);

        JsonObject accuracy = new JsonObject();
        accuracy.add("mean", number(result.meanAccuracy()));
        accuracy.add("std", number(result.stdAccuracy()));
        accuracy.addProperty("stdKind", "sample (n-1) over folds");
        o.add("accuracy", accuracy);

        JsonArray folds = new JsonArray();
        for (FoldResult f : result.folds()) {
            JsonObject fold = new JsonObject();
            fold.addProperty("fold", f.fold());
            fold.add("accuracy", number(f.accuracy()));
            fold.add("threshold", number(f.threshold()));
            fold.addProperty("pairs", f.pairs());
            folds.add(fold);
        }
        o.add("folds", folds);

        o.add("threshold", number(result.overall().threshold()));
        o.add("thresholdAccuracy", number(result.overall().accuracy()));
        o.addProperty("decisionRule", "same if score > threshold");

        JsonObject tar = new JsonObject();
        JsonObject tarDetail = new JsonObject();
        for (Map.Entry<Double, TarAtFar> e : result.tarAtFar().entrySet()) {
            String key = farKey(e.getKey());
            TarAtFar t = e.getValue();
            tar.add(key, number(t.tar()));
            JsonObject d = new JsonObject();
            d.add("tar", number(t.tar()));
            d.add("threshold", number(t.threshold()));
            d.add("achievedFar", number(t.achievedFar()));
            d.addProperty("allowedFalseAccepts", t.allowedFalseAccepts());
            d.addProperty("negatives", t.negatives());
            tarDetail.add(key, d);
        }
        o.add("tarAtFar", tar);
        o.add("tarAtFarDetail", tarDetail);

        o.add("auc", number(result.auc()));
        o.addProperty("pairs", result.pairs());
        o.addProperty("positives", result.positives());
        o.addProperty("negatives", result.negatives());
        o.addProperty("failures", failures);
        o.add("command", command == null ? JsonNull.INSTANCE : new JsonPrimitive(command));
        o.add("seed", seed == null ? JsonNull.INSTANCE : new JsonPrimitive(seed));
        o.addProperty("gitCommit", gitCommit);
        o.addProperty("date", date);
        o.addProperty("machine", machine);
        for (Map.Entry<String, JsonElement> e : extra.entrySet()) {
            o.add(e.getKey(), e.getValue());
        }
        return o;
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                .toJson(toJsonObject());
    }

    /** Writes {@link #toJson()} (UTF-8, trailing newline), creating parent folders. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    /** Writes this report's ROC curve as PNG (see {@link #writeRocPng(Result, Path, String, boolean)}). */
    public void writeRocPng(Path file, boolean logFar) throws IOException {
        writeRocPng(result, file, benchmark + " " + variant + " — " + method, logFar);
    }

    /**
     * Plots TAR against FAR. With {@code logFar} the FAR axis is logarithmic from 1/negatives to 1
     * (where TAR@1e-3 lives); otherwise linear from 0 to 1. Headless: needs no display.
     */
    public static void writeRocPng(Result result, Path file, String title, boolean logFar) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Double> fpr = new ArrayList<>();
        List<Double> tpr = new ArrayList<>();
        for (RocPoint p : result.roc()) {
            if (!logFar || p.fpr() > 0) {
                fpr.add(p.fpr());
                tpr.add(p.tpr());
            }
        }
        XYChart chart = new XYChartBuilder().width(640).height(520).title(title)
                .xAxisTitle(logFar ? "false accept rate (log)" : "false accept rate").yAxisTitle("true accept rate").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double minFar = 1.0 / Math.max(1, result.negatives());
        if (logFar) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisMin(minFar);
            chart.getStyler().setXAxisMax(1.0);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
        }
        if (fpr.isEmpty()) { // log axis and a perfect classifier: only the (0, ·) points exist
            fpr.add(minFar);
            tpr.add(1.0);
        }
        // TAR = FAR: a straight line on linear axes, a curve on a log axis (so sample it). Added
        // first on purpose: XChart puts linear ticks at data values when the first two values it
        // sees are a common step of all the others (true of ROC rates, all multiples of 1/n)
        int steps = logFar ? 60 : 1;
        double[] chanceX = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            chanceX[i] = logFar ? Math.pow(minFar, 1 - i / (double) steps) : i;
        }
        XYSeries chance = chart.addSeries("chance", chanceX, chanceX.clone());
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineColor(Color.GRAY);
        chance.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        XYSeries roc = chart.addSeries(String.format(Locale.ROOT, "ROC (AUC %.4f)", result.auc()), fpr, tpr);
        roc.setMarker(SeriesMarkers.NONE);
        roc.setLineColor(new Color(0x1f77b4));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** "1e-3" for 0.001, as the report keys FARs. */
    static String farKey(double far) {
        if (far > 0) {
            double exponent = Math.log10(far);
            if (Math.abs(exponent - Math.rint(exponent)) < 1e-9) {
                return "1e" + (long) Math.rint(exponent);
            }
        }
        return String.format(Locale.ROOT, "%g", far);
    }

    private static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    /**
     * The commit checked out in {@code repoDir}, with "-dirty" when tracked files differ from it;
     * "unknown" when git is unavailable.
     */
    public static String detectGitCommit(Path repoDir) {
        String head = runGit(repoDir, "rev-parse", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String status = runGit(repoDir, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "-dirty";
    }

    private static String runGit(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** One line about this machine: OS, CPU model and count, max heap, Java version. */
    public static String describeMachine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: keep "unknown CPU"
        }
        return String.format(Locale.ROOT, "%s %s %s, %s x%d, %.1f GiB max heap, Java %s",
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                cpu, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024),
                System.getProperty("java.version"));
    }

    /** Fills in a report. benchmark, variant and method are required. */
    public static final class Builder {
        private final Result result;
        private String benchmark;
        private String variant;
        private String method;
        private int failures;
        private String command;
        private Long seed;
        private String gitCommit = "unknown";
        private String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        private String machine = describeMachine();
        private final JsonObject extra = new JsonObject();

        private Builder(Result result) {
            this.result = Objects.requireNonNull(result, "result");
        }

        /** e.g. "lfw" or "lfw-folds6-10". */
        public Builder benchmark(String v) {
            this.benchmark = v;
            return this;
        }

        /** e.g. "clean", "probe-masked", "both-masked". */
        public Builder variant(String v) {
            this.variant = v;
            return this;
        }

        /** e.g. "teacher", "deocc-soft". */
        public Builder method(String v) {
            this.method = v;
            return this;
        }

        /** Pairs left out because an image had no embedding (no face found, unreadable file...). */
        public Builder failures(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("failures must be >= 0");
            }
            this.failures = v;
            return this;
        }

        /** The command line that produced the scores. */
        public Builder command(String v) {
            this.command = v;
            return this;
        }

        /** The random seed (masks, sampling); null when nothing was random. */
        public Builder seed(Long v) {
            this.seed = v;
            return this;
        }

        public Builder gitCommit(String v) {
            this.gitCommit = Objects.requireNonNull(v);
            return this;
        }

        /** ISO-8601 date; defaults to now (UTC, seconds). */
        public Builder date(String v) {
            this.date = Objects.requireNonNull(v);
            return this;
        }

        public Builder machine(String v) {
            this.machine = Objects.requireNonNull(v);
            return this;
        }

        /** A benchmark-specific field (e.g. how faces were found), written after the standard ones. */
        public Builder extra(String key, JsonElement value) {
            this.extra.add(key, value);
            return this;
        }

        public VerificationReport build() {
            for (String[] field : new String[][] {{"benchmark", benchmark}, {"variant", variant}, {"method", method}}) {
                if (field[1] == null || field[1].isBlank()) {
                    throw new IllegalStateException("report needs a " + field[0]);
                }
            }
            return new VerificationReport(this);
        }
    }
}
