package org.maskface.face;

/** A valid image in which no face was found. */
public class NoFaceException extends Exception {
    public NoFaceException(String message) {
        super(message);
    }
}
