package org.maskface.face.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.maskface.face.align.AlignedFace;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelCard;

/**
 * A recognition method: maps an aligned face to a unit-length embedding compared by cosine
 * similarity. The teacher and every trained method implement this, so verification,
 * identification, the gallery and the evaluation have one code path. Not thread-safe.
 */
public interface FaceEmbedder extends AutoCloseable {

    /** The model that defines this embedding space (stored beside every saved embedding). */
    ModelCard model();

    int dimension();

    /**
     * Cosine similarity above which two faces are taken as the same person: the
     * accuracy-maximising threshold of the method's LFW report (see docs/results).
     */
    double threshold();

    /** Unit-length embedding of one face. */
    float[] embed(AlignedFace face);

    /**
     * The face with what covers it painted over, as this method completes it before embedding,
     * for people to look at (e.g. beside the input on the web page). Empty for methods that embed
     * the face as it is, such as the teacher.
     */
    default Optional<RgbImage> deoccluded(AlignedFace face) {
        return Optional.empty();
    }

    /** Embeddings of several faces (implementations may batch). */
    default List<float[]> embedAll(List<AlignedFace> faces) {
        List<float[]> out = new ArrayList<>(faces.size());
        for (AlignedFace f : faces) {
            out.add(embed(f));
        }
        return out;
    }

    @Override
    void close();

    /** Cosine similarity of two unit vectors. */
    static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** Scales {@code v} to unit length in place (zero vectors stay zero). */
    static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) n;
            }
        }
        return v;
    }
}
