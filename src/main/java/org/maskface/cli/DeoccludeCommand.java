package org.maskface.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.image.ImageLoader;
import org.maskface.image.ImageSheet;
import org.maskface.image.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What a method makes of the covered part of a face: the explanation a person can look at. */
@Command(name = "deocclude", mixinStandardHelpOptions = true, description = {
    "Write the (largest) face as a method sees it with its covered part restored: deocc's inpainted",
    "face, G2D's decoder view, MEER's synthesised face (the teacher has none: exit 2). The image is the",
    "aligned 112x112 crop. Exit 3 when there is no face.",
    "With a folder and --grid: one PNG of aligned faces beside their restored views, for looking at."})
final class DeoccludeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "An image, or a folder of images with --grid.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.png", arity = "0..1", description = "Where the restored face goes (image mode).")
    Path output;

    @Option(names = "--grid", paramLabel = "GRID.png", description = "Folder mode: write face/restored pairs of the first --limit faces.")
    Path grid;

    @Option(names = "--limit", defaultValue = "24", description = "Faces in the grid (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--columns", defaultValue = "6", description = "Face/restored pairs per grid row (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    MethodOption method;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean folder = Files.isDirectory(input);
        if (folder != (grid != null) || (!folder && output == null)) {
            throw new ParameterException(spec.commandLine(), folder ? "a folder needs --grid GRID.png"
                    : "an image needs OUT.png (--grid needs a folder as IN)");
        }
        if (limit < 1 || columns < 1) {
            throw new ParameterException(spec.commandLine(), "--limit and --columns must be positive");
        }
        try (Session s = new Session()) {
            FaceEmbedder embedder = s.embedder(method.name);
            return folder ? grid(s, embedder) : single(s, embedder);
        }
    }

    private Integer single(Session s, FaceEmbedder embedder) throws Exception {
        Face face = s.largestFace(input);
        RgbImage restored = restored(embedder, face);
        ImageLoader.save(restored, output);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: restored face (%s, %s) -> %s%n", input, method.name,
                embedder.model().tag(), output);
        return ExitCode.OK;
    }

    private RgbImage restored(FaceEmbedder embedder, Face face) {
        Optional<RgbImage> view = embedder.deoccluded(face.aligned());
        if (view.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "method '" + method.name + "' restores no covered part "
                    + "(try deocc, g2d or meer)");
        }
        return view.get();
    }

    private Integer grid(Session s, FaceEmbedder embedder) throws Exception {
        FolderFaces folder = FolderFaces.of(s, input, limit);
        List<RgbImage> cells = new ArrayList<>();
        for (Face face : folder.faces()) {
            cells.add(face.aligned().crop());
            cells.add(restored(embedder, face));
        }
        ImageLoader.save(ImageSheet.grid(cells, 2 * columns, 2), grid);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d faces (%d images without a face skipped), restored by %s "
                + "(%s) -> %s%n", folder.faces().size(), folder.skipped(), method.name, embedder.model().tag(), grid);
        return ExitCode.OK;
    }
}
