package org.maskface.image;

import java.io.IOException;

/**
 * An image that cannot be used: missing, unreadable, not an image, corrupt, truncated, too large.
 * The message is always one human line of the form {@code "<file>: <problem>"}, suitable to
 * print as is. It extends {@link IOException} so code that already handles I/O failures handles
 * this too, while callers that care can catch it alone (e.g. to count failed images).
 */
public class BadImageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public BadImageException(String source, String problem) {
        this(source, problem, null);
    }

    public BadImageException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file name (or caller-supplied name) the message refers to. */
    public String source() {
        return source;
    }

    /** The problem alone, without the file name. */
    public String problem() {
        return problem;
    }
}
