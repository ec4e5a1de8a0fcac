package org.maskface.gallery;

/**
 * One enrolled face.
 *
 * @param faceId     stable id (UUID) given at enrolment
 * @param subject    whose face it is
 * @param source     where it came from (file name or upload name)
 * @param enrolledAt epoch milliseconds
 * @param occlusion  fraction of the aligned face the occlusion estimator found covered (NaN: not estimated)
 */
public record EnrolledFace(String faceId, String subject, String source, long enrolledAt, double occlusion) {
}
