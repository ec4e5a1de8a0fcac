package org.maskface.gallery;

/**
 * A subject found for a probe: the cosine similarity of the probe to the subject's closest
 * enrolled face, and that face's id.
 */
public record Match(String subject, double similarity, String faceId) {
}
