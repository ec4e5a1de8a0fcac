package org.maskface.face.embed;

import java.util.List;
import org.maskface.face.align.AlignedFace;

/** A method that embeds an aligned face by its crop alone: faces and crops go the same way. */
public interface CropFaceEmbedder extends FaceEmbedder, CropEmbedder {

    @Override
    default float[] embed(AlignedFace face) {
        return embedAll(List.of(face)).get(0);
    }

    @Override
    default List<float[]> embedAll(List<AlignedFace> faces) {
        return embedCrops(faces.stream().map(AlignedFace::crop).toList());
    }
}
