package org.maskface.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A miniature LFW for training smoke tests: the eight LFW photos in samples/faces (four people,
 * two photos each), laid out and paired (one fold of 4 + 4 pairs) as LFW is.
 */
public final class MiniLfw {

    private MiniLfw() {
    }

    /** The eight LFW sample photos, in name order. */
    public static java.util.List<Path> photos() throws java.io.IOException {
        try (var s = Files.list(Path.of("samples/faces"))) {
            return s.filter(f -> f.getFileName().toString().startsWith("lfw_")).sorted().toList();
        }
    }

    /** The aligned crops of {@link #photos()}, cached in {@code cache} (made with the shipped front end, one worker). */
    public static FaceCropSet crops(Path cache) throws Exception {
        try (org.maskface.model.ModelHub hub = org.maskface.model.ModelHub.openDefault()) {
            return FaceCropSet.cached(cache, photos(), p -> p.getFileName().toString(), hub, 1, false);
        }
    }

    /** samples/faces/lfw_colin_powell_0095.png → root/Colin_Powell/Colin_Powell_0095.jpg (PNG bytes; formats are sniffed). */
    public static Path layOut(Path dir) throws Exception {
        Path root = dir.resolve("lfw");
        for (Path p : photos()) {
            String base = p.getFileName().toString().replace("lfw_", "").replace(".png", "");
            String number = base.substring(base.lastIndexOf('_') + 1);
            StringBuilder name = new StringBuilder();
            for (String w : base.substring(0, base.lastIndexOf('_')).split("_")) {
                name.append(name.length() == 0 ? "" : "_").append(Character.toUpperCase(w.charAt(0)))
                        .append(w.length() == 1 ? w.toUpperCase(Locale.ROOT) : w.substring(1));
            }
            Path target = root.resolve(name.toString()).resolve(name + "_" + number + ".jpg");
            Files.createDirectories(target.getParent());
            Files.copy(p, target);
        }
        Files.writeString(dir.resolve("pairs.txt"), String.join("\n",
                "1 4",
                "Colin_Powell\t95\t133", "George_W_Bush\t16\t150", "Laura_Bush\t11\t21", "Tony_Blair\t91\t121",
                "Colin_Powell\t95\tLaura_Bush\t11", "George_W_Bush\t16\tTony_Blair\t91",
                "Laura_Bush\t21\tTony_Blair\t121", "Colin_Powell\t133\tGeorge_W_Bush\t150") + "\n");
        return root;
    }
}
