package org.maskface.gallery;

import java.nio.file.Path;

/**
 * A process that enrols faces into a gallery one by one and prints {@code ack INDEX FACE_ID} after
 * each enrolment returns, until it is killed: the other side of {@link GalleryDurabilityTest}.
 */
public final class EnrollingProcess {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int start = Integer.parseInt(args[1]);
        try (Gallery g = Gallery.open(dir, GalleryDurabilityTest.INFO, Gallery.Access.READ_WRITE)) {
            for (int i = start; ; i++) {
                String id = g.enroll(GalleryDurabilityTest.subject(i), new Enrollment(GalleryDurabilityTest.vector(i), "face" + i, 0));
                System.out.println("ack " + i + " " + id);
                System.out.flush();
            }
        }
    }
}
