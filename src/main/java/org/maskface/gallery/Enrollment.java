package org.maskface.gallery;

/**
 * A face to enrol: its unit-length embedding, where it came from, and how covered it was.
 *
 * @param vector     unit-length embedding in the gallery's space
 * @param source     file or upload name (stored for the user; may be empty)
 * @param occlusion  covered fraction of the aligned face, NaN when not estimated
 */
public record Enrollment(float[] vector, String source, double occlusion) {
}
