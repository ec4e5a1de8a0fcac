package org.maskface.eval;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The Markdown table of every verification report in a folder (one row per JSON report), so the
 * README and docs/results show the same numbers the JSON files hold.
 */
public final class ResultsTable {

    private ResultsTable() {
    }

    /** Rows for the verification reports ({@code accuracy} field present) in {@code dir}, sorted. */
    public static String markdown(Path dir) throws IOException {
        List<JsonObject> reports = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonElement e = JsonParser.parseString(Files.readString(f));
                if (e.isJsonObject() && e.getAsJsonObject().has("accuracy")) {
                    JsonObject o = e.getAsJsonObject();
                    o.addProperty("_file", f.getFileName().toString());
                    reports.add(o);
                }
            }
        }
        reports.sort(Comparator.comparing((JsonObject o) -> o.get("benchmark").getAsString())
                .thenComparing(o -> o.get("variant").getAsString())
                .thenComparing(o -> o.get("method").getAsString()));
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | variant | method | accuracy (mean ± std) | TAR@FAR=1e-3 | TAR@FAR=1e-2 | AUC | pairs | report |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (JsonObject o : reports) {
            JsonObject acc = o.getAsJsonObject("accuracy");
            JsonObject tar = o.getAsJsonObject("tarAtFar");
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f %% ± %.2f | %s | %s | %s | %d | `%s` |%n",
                    o.get("benchmark").getAsString(), o.get("variant").getAsString(), o.get("method").getAsString(),
                    100 * acc.get("mean").getAsDouble(), 100 * acc.get("std").getAsDouble(),
                    percent(tar, "1e-3"), percent(tar, "1e-2"), number(o, "auc"), o.get("pairs").getAsInt(),
                    o.get("_file").getAsString()));
        }
        return sb.toString();
    }

    private static String percent(JsonObject tar, String key) {
        JsonElement e = tar == null ? null : tar.get(key);
        return e == null || e.isJsonNull() ? "–" : String.format(Locale.ROOT, "%.2f %%", 100 * e.getAsDouble());
    }

    private static String number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "–" : String.format(Locale.ROOT, "%.5f", e.getAsDouble());
    }
}
