package org.maskface.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The LFW verification pairs file ({@code pairs.txt}). Format: a header {@code "<folds> <n>"}
 * (e.g. {@code 10 300}; a single {@code <n>} means one fold, as in {@code pairsDevTest.txt}),
 * then for each fold n matched lines {@code Name i j} followed by n mismatched lines
 * {@code Name1 i Name2 j}, fields separated by tabs or spaces. Image k of a person is
 * {@code root/Name/Name_%04d.jpg}. Folds are numbered from 1 in file order.
 */
public final class LfwPairs {
    private LfwPairs() {
    }

    /** One verification pair; {@code same} = both images show the same person. */
    public record Pair(Path a, Path b, boolean same, int fold) {
        public Pair {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        /** The person in image a (its folder name). */
        public String identityA() {
            return identityOf(a);
        }

        /** The person in image b (its folder name). */
        public String identityB() {
            return identityOf(b);
        }

        private static String identityOf(Path p) {
            Path parent = p.getParent();
            return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        }
    }

    /** A pairs file that does not follow the format; the message names the file and line. */
    public static final class FormatException extends IOException {
        private static final long serialVersionUID = 1L;

        public FormatException(String message) {
            super(message);
        }
    }

    /** The image path LFW uses for picture {@code number} of {@code name}. */
    public static Path imagePath(Path root, String name, int number) {
        return root.resolve(name).resolve(String.format(Locale.ROOT, "%s_%04d.jpg", name, number));
    }

    /**
     * Reads a pairs file. Returns one list per fold, in file order, each with the matched pairs
     * then the mismatched ones. Image files are not checked for existence.
     *
     * @throws FormatException for a malformed file (message: {@code "<file>:<line>: <problem>"})
     */
    public static List<List<Pair>> parse(Path pairsTxt, Path root) throws IOException {
        List<String> lines = Files.readAllLines(pairsTxt, StandardCharsets.UTF_8);
        return parse(lines, pairsTxt.toString(), root);
    }

    /** As {@link #parse(Path, Path)} for lines already in memory; {@code source} names them in errors. */
    public static List<List<Pair>> parse(List<String> lines, String source, Path root) throws FormatException {
        // line numbers in messages are 1-based file lines; blank lines are skipped anywhere
        int lineNo = 0;
        int idx = 0;
        while (idx < lines.size() && lines.get(idx).isBlank()) {
            idx++;
        }
        if (idx == lines.size()) {
            throw new FormatException(source + ": empty file (expected a header like '10 300')");
        }
        lineNo = idx + 1;
        String[] header = fields(lines.get(idx));
        int folds;
        int perClass;
        try {
            if (header.length == 2) {
                folds = Integer.parseInt(header[0]);
                perClass = Integer.parseInt(header[1]);
            } else if (header.length == 1) {
                folds = 1;
                perClass = Integer.parseInt(header[0]);
            } else {
                throw new NumberFormatException();
            }
            if (folds < 1 || perClass < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new FormatException(source + ":" + lineNo + ": header must be '<folds> <pairs per class>' like '10 300', got '"
                    + lines.get(idx).strip() + "'");
        }
        idx++;

        List<List<Pair>> result = new ArrayList<>(folds);
        int expectedTotal = folds * 2 * perClass;
        int read = 0;
        for (int f = 1; f <= folds; f++) {
            List<Pair> fold = new ArrayList<>(2 * perClass);
            for (int k = 0; k < 2 * perClass; k++) {
                boolean matched = k < perClass;
                while (idx < lines.size() && lines.get(idx).isBlank()) {
                    idx++;
                }
                if (idx == lines.size()) {
                    throw new FormatException(String.format(Locale.ROOT,
                            "%s: ends after %d pairs, but the header promises %d folds x %d pairs = %d",
                            source, read, folds, 2 * perClass, expectedTotal));
                }
                lineNo = idx + 1;
                String line = lines.get(idx++);
                fold.add(parsePair(fields(line), line, matched, f, root, source + ":" + lineNo));
                read++;
            }
            result.add(Collections.unmodifiableList(fold));
        }
        while (idx < lines.size()) {
            if (!lines.get(idx).isBlank()) {
                throw new FormatException(String.format(Locale.ROOT,
                        "%s:%d: unexpected line after the %d pairs the header promises: '%s'",
                        source, idx + 1, expectedTotal, lines.get(idx).strip()));
            }
            idx++;
        }
        return Collections.unmodifiableList(result);
    }

    private static Pair parsePair(String[] t, String line, boolean matched, int fold, Path root, String where)
            throws FormatException {
        String kind = matched ? "a matched pair 'Name n1 n2'" : "a mismatched pair 'Name1 n1 Name2 n2'";
        int expected = matched ? 3 : 4;
        if (t.length != expected) {
            throw new FormatException(String.format(Locale.ROOT, "%s: expected %s (fold %d), got %d fields: '%s'",
                    where, kind, fold, t.length, line.strip()));
        }
        if (matched) {
            int n1 = imageNumber(t[1], where);
            int n2 = imageNumber(t[2], where);
            if (n1 == n2) {
                throw new FormatException(where + ": matched pair compares image " + n1 + " of " + t[0] + " with itself");
            }
            return new Pair(imagePath(root, t[0], n1), imagePath(root, t[0], n2), true, fold);
        }
        int n1 = imageNumber(t[1], where);
        int n2 = imageNumber(t[3], where);
        if (t[0].equals(t[2])) {
            throw new FormatException(where + ": mismatched pair names the same person twice (" + t[0] + ")");
        }
        return new Pair(imagePath(root, t[0], n1), imagePath(root, t[2], n2), false, fold);
    }

    private static int imageNumber(String s, String where) throws FormatException {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FormatException(where + ": image number '" + s + "' is not a positive integer");
    }

    private static String[] fields(String line) {
        String s = line.strip();
        return s.isEmpty() ? new String[0] : s.split("\\s+");
    }

    /** All pairs of all folds, in order. */
    public static List<Pair> flatten(List<List<Pair>> folds) {
        List<Pair> all = new ArrayList<>();
        folds.forEach(all::addAll);
        return all;
    }

    /** The folds numbered {@code first}..{@code last} (1-based, inclusive), e.g. 6..10. */
    public static List<List<Pair>> selectFolds(List<List<Pair>> folds, int first, int last) {
        if (first < 1 || last > folds.size() || first > last) {
            throw new IllegalArgumentException("folds " + first + ".." + last + " outside 1.." + folds.size());
        }
        return folds.subList(first - 1, last);
    }
}
