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
}
