package org.maskface.cli;

import org.maskface.api.FaceJson;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.face.occlusion.OcclusionEstimator;
import org.maskface.face.occlusion.OcclusionMap;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "occlusion", mixinStandardHelpOptions = true, description = {
    "Estimate which pixels of the (largest) face are hidden by a mask, hand, scarf or glasses.",
    "The map is over the aligned 112x112 crop (white = occluded). Exit 3 when there is no face.",
    "With a folder and --grid: one PNG of aligned faces beside their overlays, for looking at."})
final class OcclusionCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IN", description = "An image, or a folder of images with --grid.")
    Path input;

    @Option(names = "--map", paramLabel = "MAP.png", description = "Write the probability map (grey, 112x112).")
    Path map;

    @Option(names = "--overlay", paramLabel = "OUT.png", description = "Write the aligned face with the occluded part tinted red.")
    Path overlay;

    @Option(names = "--grid", paramLabel = "GRID.png", description = "Folder mode: write face/overlay pairs of the first --limit faces.")
    Path grid;

    @Option(names = "--limit", defaultValue = "24", description = "Faces in the grid (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--columns", defaultValue = "6", description = "Face/overlay pairs per grid row (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean folder = Files.isDirectory(input);
        if (folder != (grid != null)) {
            throw new ParameterException(spec.commandLine(), folder ? "a folder needs --grid GRID.png"
                    : "--grid needs a folder as IN");
        }
        if (limit < 1 || columns < 1) {
            throw new ParameterException(spec.commandLine(), "--limit and --columns must be positive");
        }
        try (Session s = new Session(); OcclusionEstimator estimator = new OcclusionEstimator(s.hub())) {
            return folder ? grid(s, estimator) : single(s, estimator);
        }
    }

    private Integer single(Session s, OcclusionEstimator estimator) throws Exception {
        Face face = s.largestFace(input);
        OcclusionMap m = estimator.estimate(face.aligned());
        if (map != null) {
            ImageLoader.save(m.toImage(), map);
        }
        if (overlay != null) {
            ImageLoader.save(m.overlay(face.aligned().crop()), overlay);
        }
        var out = spec.commandLine().getOut();
        if (json.enabled) {
            JsonObject o = new JsonObject();
            o.addProperty("image", input.toString());
            o.addProperty("model", ModelCard.OCCLUSION_UNET.tag());
            o.addProperty("coverage", m.coverage());
            o.addProperty("threshold", OcclusionMap.THRESHOLD);
            o.add("face", FaceJson.face(face));
            out.println(FaceJson.pretty(o));
        } else {
            out.printf(Locale.ROOT, "%s: %.1f%% of the aligned face occluded (%s)%n", input, 100 * m.coverage(),
                    ModelCard.OCCLUSION_UNET.tag());
        }
        return ExitCode.OK;
    }

    private Integer grid(Session s, OcclusionEstimator estimator) throws Exception {
        FolderFaces folder = FolderFaces.of(s, input, limit);
        List<RgbImage> cells = new ArrayList<>();
        int low = 0;
        double coverage = 0;
        for (Face face : folder.faces()) {
            OcclusionMap m = estimator.estimate(face.aligned());
            coverage += m.coverage();
            low += m.coverage() < 0.1 ? 1 : 0;
            cells.add(face.aligned().crop());
            cells.add(m.overlay(face.aligned().crop()));
        }
        ImageLoader.save(ImageSheet.grid(cells, 2 * columns, 2), grid);
        int faces = folder.faces().size();
        spec.commandLine().getOut().printf(Locale.ROOT, "%d faces (%d images without a face skipped), mean predicted "
                + "coverage %.3f, %d faces under 0.10 -> %s%n", faces, folder.skipped(), coverage / faces, low, grid);
        return ExitCode.OK;
    }
}
