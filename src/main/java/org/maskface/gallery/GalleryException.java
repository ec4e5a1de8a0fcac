package org.maskface.gallery;

/** A gallery operation that cannot be done; {@link #reason()} tells the caller which kind. */
public final class GalleryException extends RuntimeException {

    /** Why; the server maps each to an HTTP status and a stable error code. */
    public enum Reason {
        /** The gallery holds vectors of another method or model. */
        MISMATCH,
        /** Another process has the gallery open for writing. */
        LOCKED,
        /** The gallery folder is unreadable or not a maskface gallery. */
        CORRUPT,
        /** A subject or face that is not in the gallery. */
        NOT_FOUND,
        /** A subject name or vector that cannot be stored. */
        INVALID,
        /** The disk is full: the write was rolled back. */
        STORAGE_FULL,
        /** Reading or writing the gallery's files failed: the write was rolled back. */
        IO,
        /** This user may not write the gallery's folder. */
        NOT_WRITABLE
    }

    private final Reason reason;

    public GalleryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public GalleryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
