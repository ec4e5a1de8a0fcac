package org.maskface.face.embed;

import java.util.List;
import org.maskface.model.ModelHub;

/**
 * The recognition methods selectable with {@code --method}. Each trained method registers here
 * as it lands, so the CLI, the evaluation and the server need no change.
 */
public final class Methods {

    public static final String DEFAULT = TeacherEmbedder.METHOD;

    private Methods() {
    }

    public static List<String> names() {
        return List.of(TeacherEmbedder.METHOD, DeoccEmbedder.METHOD, G2dEmbedder.METHOD,
                MeerEmbedder.METHOD);
    }

    /** A new embedder for {@code method} (one per thread). */
    public static FaceEmbedder open(String method, ModelHub hub) {
        return switch (method) {
            case TeacherEmbedder.METHOD -> new TeacherEmbedder(hub);
            case DeoccEmbedder.METHOD -> new DeoccEmbedder(hub);
            case G2dEmbedder.METHOD -> new G2dEmbedder(hub);
            case MeerEmbedder.METHOD -> new MeerEmbedder(hub);
            default -> throw new IllegalArgumentException("unknown method '" + method + "'; known: " + names());
        };
    }
}
