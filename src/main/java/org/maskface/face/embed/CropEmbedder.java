package org.maskface.face.embed;

import java.util.List;
import org.maskface.image.RgbImage;

/**
 * A method that can embed aligned 112×112 crops directly (without the photo they came from):
 * the methods trained by maskface work on the crop, so they can be compared on crops whose
 * alignment is held fixed (see {@link org.maskface.eval.AlignedLfw}).
 */
public interface CropEmbedder {

    /** Unit-length embeddings of aligned crops (as {@link org.maskface.face.align.AlignedFace#crop()}). */
    List<float[]> embedCrops(List<RgbImage> crops);

    /** Crops per forward pass in {@link #inChunks}: a long list goes through in pieces, so memory stays bounded. */
    int CHUNK = 32;

    /** Embeds a piece of a list (one forward pass). */
    @FunctionalInterface
    interface Piece {
        List<float[]> embed(List<RgbImage> crops) throws ai.djl.translate.TranslateException;
    }

    /** {@code piece} over {@code crops} in chunks of {@link #CHUNK}; {@code method} names the method in errors. */
    static List<float[]> inChunks(List<RgbImage> crops, String method, Piece piece) {
        List<float[]> out = new java.util.ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i += CHUNK) {
            // copied: a lazily computed list (e.g. masked on demand) is read once per crop
            List<RgbImage> chunk = List.copyOf(crops.subList(i, Math.min(crops.size(), i + CHUNK)));
            try {
                out.addAll(piece.embed(chunk));
            } catch (ai.djl.translate.TranslateException e) {
                throw new IllegalStateException(method + " embedding failed: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
