package org.maskface.face;

/** A valid image in which no face was found. */
public class NoFaceException extends Exception {
    public NoFaceException(String message) {
        super(message);
    }

    /** No face anywhere in {@code image}. */
    public static NoFaceException in(org.maskface.image.RgbImage image) {
        return new NoFaceException("no face found (" + image.width() + "x" + image.height() + " image)");
    }
}
