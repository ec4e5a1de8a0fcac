package org.maskface.cli;

import java.util.concurrent.Callable;
import org.maskface.gallery.Gallery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true, description = {
    "Merge the gallery's index into one segment: a search visits every segment's graph, so a large gallery",
    "built by many enrolments searches several times faster afterwards (docs/bench/gallery-search.json:",
    "1M faces, 19 segments p50 8.0 ms -> 1 segment 0.90 ms). Rewrites the whole index (1M faces: ~21 min).",
    "Needs the gallery to itself: stop `serve` first."})
final class CompactCommand implements Callable<Integer> {

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Gallery g = gallery.openExisting(Gallery.Access.READ_WRITE)) {
            var out = spec.commandLine().getOut();
            int before = g.segmentCount();
            long start = System.nanoTime();
            g.forceMerge(1);
            out.printf("compacted %s: %d face(s), %d segment(s) -> %d in %.1f s%n", g.dir(), g.faceCount(), before,
                    g.segmentCount(), (System.nanoTime() - start) / 1e9);
            return ExitCode.OK;
        }
    }
}
