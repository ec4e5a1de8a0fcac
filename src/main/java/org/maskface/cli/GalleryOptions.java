package org.maskface.cli;

import java.nio.file.Path;
import org.maskface.gallery.Gallery;
import org.maskface.gallery.GalleryInfo;
import org.maskface.gallery.Recognizer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --gallery} and {@code --method}, shared by the gallery commands and {@code serve}. */
final class GalleryOptions {

    static final String GALLERY_ENV = "MASKFACE_GALLERY";

    @Option(names = "--gallery", paramLabel = "DIR", description = "Gallery folder (default: $" + GALLERY_ENV
            + ", else ~/.maskface/galleries/METHOD: one gallery per method, since their embeddings differ).")
    Path dir;

    @Mixin
    MethodOption method;

    Path dir() {
        if (dir != null) {
            return dir;
        }
        String env = System.getenv(GALLERY_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".maskface", "galleries", method.name);
    }

    /** Opens the gallery for {@code recognizer}'s vectors (created on first write). */
    Gallery open(Recognizer recognizer, Gallery.Access access) {
        return Gallery.open(dir(), recognizer.galleryInfo(), access);
    }

    /** Opens the existing gallery without loading models (listing, forgetting). */
    Gallery openExisting(Gallery.Access access) {
        Gallery g = Gallery.openExisting(dir(), access);
        GalleryInfo info = g.info();
        if (!info.method().equals(method.name)) {
            g.close();
            throw new org.maskface.gallery.GalleryException(org.maskface.gallery.GalleryException.Reason.MISMATCH,
                    "gallery " + dir() + " holds embeddings of method '" + info.method() + "', not '" + method.name + "'");
        }
        return g;
    }
}
