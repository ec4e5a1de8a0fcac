package org.maskface.cli;

import java.nio.file.Path;
import org.maskface.face.Face;
import org.maskface.face.FacePipeline;
import org.maskface.face.NoFaceException;
import org.maskface.face.embed.FaceEmbedder;
import org.maskface.face.embed.Methods;
import org.maskface.gallery.Recognizer;
import org.maskface.image.BadImageException;
import org.maskface.image.ImageLoader;
import org.maskface.image.RgbImage;
import org.maskface.model.ModelHub;

/** Models opened on demand, once, for a single-threaded command: the pipeline, an embedder, a recognizer. */
final class Session implements AutoCloseable {

    private final ModelHub hub;
    private FacePipeline pipeline;
    private FaceEmbedder embedder;
    private Recognizer recognizer;

    Session() {
        Runtime.threads(Runtime.cores());
        hub = ModelHub.openDefault();
    }

    ModelHub hub() {
        return hub;
    }

    FacePipeline pipeline() {
        if (pipeline == null) {
            pipeline = new FacePipeline(hub);
        }
        return pipeline;
    }

    /** The robust front end and {@code method}, for gallery commands. */
    Recognizer recognizer(String method) {
        if (recognizer == null) {
            recognizer = new Recognizer(hub, method);
        }
        return recognizer;
    }

    FaceEmbedder embedder(String method) {
        if (embedder == null) {
            embedder = Methods.open(method, hub);
        }
        return embedder;
    }

    static RgbImage load(Path file) throws BadImageException {
        return ImageLoader.load(file);
    }

    /** The largest face of the image in {@code file}, with a message naming the file if none. */
    Face largestFace(Path file) throws BadImageException, NoFaceException {
        RgbImage img = load(file);
        try {
            return pipeline().largestFace(img);
        } catch (NoFaceException e) {
            throw new NoFaceException(file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (embedder != null) {
            embedder.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (recognizer != null) {
            recognizer.close();
        }
        hub.close();
    }
}
