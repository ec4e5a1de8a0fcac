package org.maskface.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import org.maskface.face.Face;
import org.maskface.face.NoFaceException;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.mask.MaskCategory;
import org.maskface.mask.MaskShape;
import org.maskface.mask.MaskSynthesizer;
import org.maskface.mask.Masked;
import org.maskface.mask.PhotoMasker;
import org.maskface.util.ProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "mask", mixinStandardHelpOptions = true, description = {
    "Draw a synthetic mask/occluder on the largest face and save the masked 112x112 aligned face (PNG/JPEG by extension).",
    "IN may be a folder: then OUT (and --map) are folders, every jpg/jpeg/png is masked and images without a face "
            + "or unreadable are skipped and listed at the end.",
    "--grid: OUT is one PNG of examples (rows: categories and mask shapes; columns: faces of the folder IN).",
    "--stats N: print the coverage distribution over N seeds per face and category (OUT optional: also write it there)."})
final class MaskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "A photo, or a folder of photos.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", arity = "0..1", description = "Masked face file, or folder.")
    Path output;

    @Option(names = "--category", paramLabel = "C", defaultValue = "mixed", converter = CategoryConverter.class,
            description = "simple, complex, body, hybrid or mixed (a category drawn per image; default).")
    MaskCategory category;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Random seed; in a folder each image uses N + a hash of its file name.")
    long seed;

    @Option(names = "--map", paramLabel = "MAP", description = "Also save the occlusion map (white = occluded) here.")
    Path map;

    @Option(names = "--photo", description = "Save the whole photo with the mask drawn on its face, not the aligned face "
            + "(as the evaluations mask LFW; one image only).")
    boolean photo;

    @Option(names = "--grid", description = "Write a PNG grid of examples to OUT (IN is a folder of faces).")
    boolean grid;

    @Option(names = "--columns", paramLabel = "N", defaultValue = "6", description = "Faces per grid row (default 6).")
    int columns;

    @Option(names = "--glob", paramLabel = "PATTERN", defaultValue = "*",
            description = "Only files of the folder IN whose name matches (e.g. 'lfw_*').")
    String glob;

    @Option(names = "--stats", paramLabel = "N", description = "Measure coverage over N seeds per face and category.")
    Integer statsSeeds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (output == null && statsSeeds == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'OUT'");
        }
        if (columns < 1 || (statsSeeds != null && statsSeeds < 1)) {
            throw new ParameterException(spec.commandLine(), "--columns and --stats need a positive number");
        }
        boolean folder = Files.isDirectory(input);
        if (photo && (folder || grid || statsSeeds != null || map != null)) {
            throw new ParameterException(spec.commandLine(), "--photo masks one photo: no folder, --grid, --stats or --map");
        }
        if ((grid || statsSeeds != null) && !folder) {
            throw new ParameterException(spec.commandLine(), (grid ? "--grid" : "--stats") + " needs a folder of faces as IN");
        }
        try (Session s = new Session()) {
            if (statsSeeds != null) {
                return stats(s, images());
            }
            if (grid) {
                return grid(s, images());
            }
            return folder ? maskFolder(s, images()) : maskOne(s);
        }
    }

    private Integer maskOne(Session s) throws Exception {
        Face face = s.largestFace(input);
        Masked m;
        if (photo) {
            PhotoMasker.MaskedPhoto mp = PhotoMasker.mask(Session.load(input), face, category, seed);
            m = mp.onCrop();
            ImageLoader.save(mp.image(), output);
        } else {
            m = masked(input, face, category, seed);
            save(m, output, map);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s, %s, coverage %.1f%% -> %s%s%n", input,
                m.category().cliName(), m.description(), 100 * m.coverage(), output, map != null ? " and " + map : "");
        return ExitCode.OK;
    }

    private Integer maskFolder(Session s, List<Path> images) throws Exception {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new BadImageException(output.toString(), "IN is a folder, so OUT must be a folder too");
        }
        Files.createDirectories(output);
        if (map != null) {
            Files.createDirectories(map);
        }
        List<String> noFace = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        java.util.Set<String> usedStems = new java.util.HashSet<>();
        int done = 0;
        try (ProgressBar bar = ProgressBars.builder("mask", images.size()).build()) {
            for (Path image : images) {
                String name = image.getFileName().toString();
                try {
                    Face face = s.largestFace(image);
                    // String.hashCode is specified, so a file keeps its seed across runs and machines
                    Masked m = masked(image, face, category, seed + name.hashCode());
                    // a.jpg and a.png would both become a.png: the second keeps its extension
                    String png = usedStems.add(stem(name).toLowerCase(Locale.ROOT)) ? stem(name) + ".png"
                            : name.replace('.', '_') + ".png";
                    save(m, output.resolve(png), map == null ? null : map.resolve(png));
                    done++;
                } catch (NoFaceException e) {
                    noFace.add(name);
                } catch (BadImageException e) {
                    unreadable.add(e.problem() + " (" + name + ")");
                }
                bar.step();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("masked %d of %d images -> %s%s%n", done, images.size(), output, map != null ? " (maps in " + map + ")" : "");
        if (!noFace.isEmpty()) {
            out.printf("skipped %d without a face: %s%n", noFace.size(), String.join(", ", noFace));
        }
        if (!unreadable.isEmpty()) {
            out.printf("skipped %d unreadable: %s%n", unreadable.size(), String.join(", ", unreadable));
        }
        return ExitCode.OK;
    }

    /** Rows: the four categories, then each mask shape in plain colour; columns: the folder's faces. */
    private Integer grid(Session s, List<Path> images) throws Exception {
        List<Face> faces = new ArrayList<>();
        for (Path image : images) {
            if (faces.size() == columns) {
                break;
            }
            try {
                faces.add(s.largestFace(image));
            } catch (NoFaceException | BadImageException e) {
                // a grid of examples simply uses the next face
            }
        }
        if (faces.isEmpty()) {
            throw new NoFaceException(input + ": no face in any image");
        }
        List<Object> rows = new ArrayList<>(MaskCategory.CONCRETE);
        rows.addAll(List.of(MaskShape.values()));
        int cell = MaskSynthesizer.CROP_SIZE;
        int gap = 2;
        BufferedImage sheet = new BufferedImage(faces.size() * (cell + gap) + gap, rows.size() * (cell + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        BufferedImage maps = new BufferedImage(sheet.getWidth(), sheet.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (BufferedImage b : List.of(sheet, maps)) {
            Graphics2D g = b.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, b.getWidth(), b.getHeight());
            g.dispose();
        }
        for (int row = 0; row < rows.size(); row++) {
            for (int col = 0; col < faces.size(); col++) {
                Face face = faces.get(col);
                long cellSeed = seed + 1000L * row + col;
                Masked m = rows.get(row) instanceof MaskCategory c ? MaskSynthesizer.synthesize(face, c, cellSeed)
                        : MaskSynthesizer.synthesize(face.aligned().crop(), MaskSynthesizer.landmarksInCrop(face),
                                (MaskShape) rows.get(row), cellSeed);
                int x = gap + col * (cell + gap);
                int y = gap + row * (cell + gap);
                sheet.createGraphics().drawImage(m.image().toBufferedImage(), x, y, null);
                maps.createGraphics().drawImage(m.mapImage().toBufferedImage(), x, y, null);
            }
        }
        writePng(sheet, output);
        Path mapsFile = map != null ? map : siblingWithSuffix(output, "-maps");
        writePng(maps, mapsFile);
        spec.commandLine().getOut().printf("grid %d rows (simple, complex, body, hybrid, surgical, n95, kn95, cloth) x %d "
                + "faces -> %s and %s%n", rows.size(), faces.size(), output, mapsFile);
        return ExitCode.OK;
    }

    private Integer stats(Session s, List<Path> images) throws Exception {
        List<Face> faces = new ArrayList<>();
        for (Path image : images) {
            try {
                faces.add(s.largestFace(image));
            } catch (NoFaceException | BadImageException e) {
                // measured over the faces that were found; the count is reported
            }
        }
        if (faces.isEmpty()) {
            throw new NoFaceException(input + ": no face in any image");
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Coverage (fraction of the 112x112 aligned crop occluded), %d faces x %d "
                + "seeds (%d..%d) per category%n%n", faces.size(), statsSeeds, seed, seed + statsSeeds - 1));
        report.append("| category | n | mean | std | min | p5 | median | p95 | max |\n");
        report.append("|---|---|---|---|---|---|---|---|---|\n");
        for (MaskCategory c : MaskCategory.values()) {
            double[] values = new double[faces.size() * statsSeeds];
            int k = 0;
            for (Face face : faces) {
                for (int i = 0; i < statsSeeds; i++) {
                    values[k++] = MaskSynthesizer.synthesize(face, c, seed + i).coverage();
                }
            }
            java.util.Arrays.sort(values);
            double mean = java.util.Arrays.stream(values).average().orElse(0);
            double var = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1);
            report.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    c.cliName(), values.length, mean, Math.sqrt(var), values[0], quantile(values, 0.05),
                    quantile(values, 0.5), quantile(values, 0.95), values[values.length - 1]));
        }
        spec.commandLine().getOut().print(report);
        spec.commandLine().getOut().flush();
        if (output != null) {
            Files.writeString(output, report.toString());
        }
        return ExitCode.OK;
    }

    /**
     * The masked face; a face whose landmarks are too distorted to place a mask on counts as no
     * face (exit 3, or skipped in a folder) rather than an internal error.
     */
    private static Masked masked(Path image, Face face, MaskCategory category, long seed) throws NoFaceException {
        try {
            return MaskSynthesizer.synthesize(face, category, seed);
        } catch (IllegalArgumentException e) {
            throw new NoFaceException(image + ": face found but its landmarks are unusable for a mask: " + e.getMessage());
        }
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private List<Path> images() throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.list(input)) {
            List<Path> images = files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(p.getFileName()))
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
                    })
                    .sorted().toList();
            if (images.isEmpty()) {
                throw new BadImageException(input.toString(), "no jpg, jpeg or png images" + ("*".equals(glob) ? "" : " matching " + glob));
            }
            return images;
        }
    }

    private static void save(Masked m, Path image, Path mapFile) throws IOException {
        ImageLoader.save(m.image(), image);
        if (mapFile != null) {
            ImageLoader.save(m.mapImage(), mapFile);
        }
    }

    private static void writePng(BufferedImage img, Path file) throws IOException {
        ImageLoader.save(RgbImage.fromBufferedImage(img), file);
    }

    private static Path siblingWithSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(stem(name) + suffix + ".png");
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static final class CategoryConverter implements ITypeConverter<MaskCategory> {
        @Override
        public MaskCategory convert(String value) {
            try {
                return MaskCategory.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
