package org.maskface.image;

/**
 * Image container formats, recognised by their leading bytes ("magic numbers"), never by the
 * file extension: users rename files, and a wrong extension must not change how one decodes.
 */
public enum ImageFormat {
    JPEG("JPEG", "jpeg"),
    PNG("PNG", "png"),
    GIF("GIF", "gif"),
    BMP("BMP", "bmp"),
    TIFF("TIFF", "tiff"),
    /** Netpbm PBM/PGM/PPM/PAM (P1–P7), as used by the ORL faces. */
    PNM("PNM", "pnm"),
    WEBP("WebP", "webp"),
    /** HEIF/HEIC/AVIF (ISO base media "ftyp" boxes): recognised only to say it is unsupported. */
    HEIF("HEIC/AVIF", "heif");

    private final String displayName;
    private final String imageIoName;

    ImageFormat(String displayName, String imageIoName) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
    }

    /** Name for messages, e.g. "JPEG". */
    public String displayName() {
        return displayName;
    }

    /** The format name ImageIO readers register under. */
    String imageIoName() {
        return imageIoName;
    }

    /** The format the bytes start with, or {@code null} if no known signature matches. */
    public static ImageFormat sniff(byte[] b) {
        if (b == null) {
            return null;
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return GIF;
        }
        // "BM" alone is weak (a text file may start with it); the file-size field follows, and the
        // two reserved words after it are almost always zero, but not checked: some writers set them.
        if (startsWith(b, 0, 'B', 'M') && b.length >= 26) {
            return BMP;
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (b.length >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7' && isPnmSeparator(b[2])) {
            return PNM;
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        if (startsWith(b, 4, 'f', 't', 'y', 'p') && b.length >= 12) {
            String brand = new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1")
                    || brand.equals("msf1") || brand.startsWith("avi")) {
                return HEIF;
            }
        }
        return null;
    }

    private static boolean isPnmSeparator(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
