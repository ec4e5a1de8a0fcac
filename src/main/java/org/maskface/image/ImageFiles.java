package org.maskface.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finding photos in folders. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** The JPEG and PNG files anywhere under {@code dir} (by extension, any case), sorted by path. */
    public static List<Path> photosUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)$"))
                    .sorted().toList();
        }
    }
}
