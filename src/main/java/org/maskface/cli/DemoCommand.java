package org.maskface.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.maskface.face.Face;
import org.maskface.face.embed.FaceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Detect, align and verify the bundled sample pairs (samples/pairs.tsv).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--pairs", defaultValue = "samples/pairs.tsv", description = "Tab-separated: imageA imageB same|different.")
    Path pairs;

    @Mixin
    MethodOption method;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(pairs)) {
            spec.commandLine().getErr().println("maskface: " + pairs + ": file not found (run from the repository root)");
            return ExitCode.BAD_INPUT;
        }
        Path base = pairs.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(pairs).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        var out = spec.commandLine().getOut();
        int correct = 0;
        int total = 0;
        try (Session s = new Session()) {
            FaceEmbedder embedder = s.embedder(method.name);
            out.printf("method %s (%s), threshold %.4f (cosine)%n", method.name, embedder.model().tag(), embedder.threshold());
            for (String line : lines) {
                String[] f = line.split("\t");
                if (f.length < 3) {
                    continue;
                }
                Path a = base.resolve(f[0]);
                Path b = base.resolve(f[1]);
                Face fa = s.largestFace(a);
                Face fb = s.largestFace(b);
                double sim = FaceEmbedder.similarity(embedder.embed(fa.aligned()), embedder.embed(fb.aligned()));
                boolean same = sim > embedder.threshold();
                boolean expected = f[2].trim().equals("same");
                total++;
                if (same == expected) {
                    correct++;
                }
                out.printf("%-34s %-34s similarity %6.3f  %-9s (truth: %s)%n", a.getFileName(), b.getFileName(), sim,
                        same ? "same" : "different", f[2].trim());
            }
        }
        out.printf("%d/%d pairs decided correctly%n", correct, total);
        return ExitCode.OK;
    }
}
