package org.maskface.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.face.embed.DlibChip;
import org.maskface.image.ImageLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "align", mixinStandardHelpOptions = true, description = "Save the largest face aligned to the 112x112 ArcFace template (PNG/JPEG by extension).")
final class AlignCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMG")
    Path image;

    @Parameters(index = "1", paramLabel = "OUT")
    Path output;

    @Option(names = "--teacher-chip", paramLabel = "FILE",
            description = "Also save the 150x150 dlib-style chip the teacher sees, rendered from the same alignment.")
    Path chip;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Session s = new Session()) {
            Face face = s.largestFace(image);
            ImageLoader.save(face.aligned().crop(), output);
            if (chip != null) {
                ImageLoader.save(DlibChip.render(face.aligned()), chip);
            }
            spec.commandLine().getOut().printf("%s: face at x=%.1f y=%.1f w=%.1f h=%.1f -> %s%s%n", image,
                    face.box().x(), face.box().y(), face.box().width(), face.box().height(), output,
                    chip != null ? " and " + chip : "");
            return ExitCode.OK;
        }
    }
}
