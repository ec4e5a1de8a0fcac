package org.maskface.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.maskface.face.Face;
import org.maskface.face.NoFaceException;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageFiles;

/**
 * The largest face of each photo under a folder, in file order, up to a limit: what the commands
 * that draw a sheet of faces start from. Photos that cannot be read or show no face are counted
 * and skipped, never fatal; a folder without a single face is.
 */
record FolderFaces(List<Face> faces, int skipped) {

    static FolderFaces of(Session s, Path folder, int limit) throws IOException, NoFaceException {
        List<Face> faces = new ArrayList<>();
        int skipped = 0;
        for (Path image : ImageFiles.photosUnder(folder)) {
            if (faces.size() == limit) {
                break;
            }
            try {
                faces.add(s.largestFace(image));
            } catch (NoFaceException | BadImageException e) {
                skipped++;
            }
        }
        if (faces.isEmpty()) {
            throw new NoFaceException(folder + ": no face in any image");
        }
        return new FolderFaces(faces, skipped);
    }
}
