package org.maskface.image;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Decodes user images into {@link RgbImage}, rejecting anything that is not a complete, sane
 * picture with a {@link BadImageException} whose message is one line: {@code "<file>: <problem>"}.
 *
 * <p>What it guarantees for an accepted image:
 * <ul>
 *   <li>the format was recognised from the file's bytes (JPEG, PNG, GIF, BMP, TIFF, PNM), not
 *       from its name;</li>
 *   <li>the pixel count from the header was within {@link #maxPixels()} <em>before</em> any
 *       pixel was decoded, so a hostile 20000×20000 header costs no memory;</li>
 *   <li>JPEG: the marker structure is complete up to the end-of-image marker and the decoder
 *       reported no warning (libjpeg-style decoders "recover" from corrupt or truncated scan data
 *       by painting grey, which would silently feed half an image to the recogniser);
 *       PNG: every chunk is complete, its CRC matches, and IEND is present;</li>
 *   <li>colour is 8-bit sRGB-style RGB: greyscale becomes R=G=B with the stored grey values
 *       (not Java's linear-grey conversion, which brightens mid-greys), CMYK/YCCK JPEGs are
 *       converted (TwelveMonkeys reader), 16-bit samples are rounded to 8 bits, palettes are
 *       expanded;</li>
 *   <li>alpha is removed by compositing over <b>black</b> (out = colour × alpha), so fully
 *       transparent pixels become black whatever hidden colour they store;</li>
 *   <li>the EXIF orientation (1–8) is applied, so the image is upright as a viewer shows it;</li>
 *   <li>animated GIFs: only the first frame.</li>
 * </ul>
 *
 * <p>Configure with the {@code opt...} methods before sharing an instance; reading is then
 * thread-safe. The static {@code load} methods use the defaults.
 */
public final class ImageLoader {
    /** Default pixel limit: 40 megapixels (a high-end phone photo is 12–50 MP). */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    /** Default file-size limit, checked before reading the file into memory. */
    public static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** Largest limit RgbImage can represent (3 bytes per pixel in one Java array). */
    private static final long PIXEL_LIMIT_CEILING = Integer.MAX_VALUE / 3;

    private static final ImageLoader DEFAULTS = new ImageLoader();

    private long maxPixels = DEFAULT_MAX_PIXELS;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private boolean applyExifOrientation = true;

    public ImageLoader() {
    }

    /** Rejects images whose header declares more than {@code maxPixels} pixels. */
    public ImageLoader optMaxPixels(long maxPixels) {
        if (maxPixels < 1 || maxPixels > PIXEL_LIMIT_CEILING) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + PIXEL_LIMIT_CEILING + ", got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        return this;
    }

    /** Rejects files larger than this many bytes without reading them. */
    public ImageLoader optMaxFileBytes(long maxFileBytes) {
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes must be in 1.." + (Integer.MAX_VALUE - 8));
        }
        this.maxFileBytes = maxFileBytes;
        return this;
    }

    /** Whether to rotate/flip by the EXIF orientation tag (default true). */
    public ImageLoader optApplyExifOrientation(boolean apply) {
        this.applyExifOrientation = apply;
        return this;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** Loads with the default settings. */
    public static RgbImage load(Path file) throws BadImageException {
        return DEFAULTS.read(file);
    }

    /** Decodes in-memory bytes with the default settings; {@code nameForMessages} names them in errors. */
    public static RgbImage load(byte[] bytes, String nameForMessages) throws BadImageException {
        return DEFAULTS.read(bytes, nameForMessages);
    }

    public RgbImage read(Path file) throws BadImageException {
        String name = file.toString();
        if (!Files.exists(file)) {
            // a dangling symbolic link "exists" as a link only: say so, it is a common confusion
            boolean danglingLink = Files.isSymbolicLink(file);
            throw new BadImageException(name, danglingLink ? "file not found (broken symbolic link)" : "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new BadImageException(name, "is a directory, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadImageException(name, "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new BadImageException(name, "permission denied (cannot read file)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadImageException(name, "cannot read file (" + describe(e) + ")", e);
        }
        if (size == 0) {
            throw new BadImageException(name, "empty file (0 bytes)");
        }
        if (size > maxFileBytes) {
            throw new BadImageException(name, String.format(Locale.ROOT,
                    "file is %s, larger than the %s limit", formatBytes(size), formatBytes(maxFileBytes)));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadImageException(name, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new BadImageException(name, "permission denied (cannot read file)", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new BadImageException(name, "cannot read file (" + describe(e) + ")", e);
        }
        return read(bytes, name);
    }

    public RgbImage read(byte[] bytes, String nameForMessages) throws BadImageException {
        String name = nameForMessages == null ? "<image>" : nameForMessages;
        if (bytes == null || bytes.length == 0) {
            throw new BadImageException(name, "empty file (0 bytes)");
        }
        if (bytes.length > maxFileBytes) {
            throw new BadImageException(name, String.format(Locale.ROOT,
                    "file is %s, larger than the %s limit", formatBytes(bytes.length), formatBytes(maxFileBytes)));
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            String what = looksLikeText(bytes) ? "not an image, looks like text" : "not an image";
            throw new BadImageException(name, what + " (no JPEG/PNG/GIF/BMP/TIFF/PNM/WebP signature)");
        }
        if (format == ImageFormat.HEIF) {
            throw new BadImageException(name, "HEIC/AVIF images are not supported; convert to JPEG or PNG");
        }
        ImageReader reader = readerFor(format);
        if (reader == null) {
            throw new BadImageException(name, format.displayName() + " images are not supported (no decoder installed)");
        }
        try {
            BufferedImage decoded = decode(reader, bytes, format, name);
            RgbImage rgb = toRgb(decoded);
            if (applyExifOrientation) {
                rgb = ExifOrientation.toUpright(rgb, readOrientation(bytes, format));
            }
            return rgb;
        } finally {
            reader.dispose();
        }
    }

    private BufferedImage decode(ImageReader reader, byte[] bytes, ImageFormat format, String name)
            throws BadImageException {
        String fmt = format.displayName();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, message) -> warnings.add(message));
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            reader.setInput(in, true, false);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new BadImageException(name, "truncated or corrupt " + fmt + " header (" + describe(e) + ")", e);
            }
            if (width <= 0 || height <= 0) {
                throw new BadImageException(name, "corrupt " + fmt + " header (image size " + width + "x" + height + ")");
            }
            long pixels = (long) width * height;
            if (pixels > maxPixels) {
                throw new BadImageException(name, String.format(Locale.ROOT,
                        "image is %dx%d (%s), larger than the %s limit",
                        width, height, formatMegapixels(pixels), formatMegapixels(maxPixels)));
            }
            // Cheap byte-level checks before spending time on pixels: they catch truncation that
            // decoders otherwise paper over.
            if (format == ImageFormat.JPEG) {
                checkJpegStructure(bytes, name);
            } else if (format == ImageFormat.PNG) {
                checkPngStructure(bytes, name);
            }
            BufferedImage img;
            try {
                img = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new BadImageException(name, "truncated or corrupt " + fmt + " data (" + describe(e) + ")", e);
            }
            List<String> dataWarnings = warnings.stream().filter(w -> !isMetadataWarning(w)).toList();
            if (!dataWarnings.isEmpty()) {
                throw new BadImageException(name, "corrupt " + fmt + " data (decoder warning: " + oneLine(dataWarnings.get(0))
                        + (dataWarnings.size() > 1 ? "; " + (dataWarnings.size() - 1) + " more" : "") + ")");
            }
            if (img == null) {
                throw new BadImageException(name, "corrupt " + fmt + " data (decoder returned no image)");
            }
            return img;
        } catch (IOException e) {
            if (e instanceof BadImageException) {
                throw (BadImageException) e;
            }
            throw new BadImageException(name, "cannot decode " + fmt + " (" + describe(e) + ")", e);
        }
    }

    /**
     * Decoders also warn about metadata they ignore (a broken ICC profile, an odd thumbnail, a
     * CMYK file without profile): the pixels are still complete, so those do not reject the image.
     * Every other warning (libjpeg's "Corrupt JPEG data: ...", "Premature end of JPEG file", and
     * anything unknown) is taken to mean damaged pixel data.
     */
    static boolean isMetadataWarning(String warning) {
        if (warning == null) {
            return false;
        }
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("corrupt") || w.contains("premature") || w.contains("huffman") || w.contains("truncated image")) {
            return false;
        }
        for (String benign : new String[] {"icc", "color profile", "colour profile", "app14", "thumbnail",
                "jfxx", "jfif", "exif", "xmp", "metadata"}) {
            if (w.contains(benign)) {
                return true;
            }
        }
        return false;
    }

    private static ImageReader readerFor(ImageFormat format) {
        // For JPEG the TwelveMonkeys reader orders itself before the JDK's, which is what we want:
        // it handles CMYK/YCCK and Adobe APP14 colour transforms.
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        return readers.hasNext() ? readers.next() : null;
    }

    // ---- structural checks ---------------------------------------------------------------

    /**
     * Walks the JPEG marker segments up to EOI. Scan data is skipped by looking for the next
     * marker (0xFF not followed by a stuffed 0x00, a fill 0xFF or a restart marker). Bytes after
     * EOI are allowed: some cameras append trailers.
     */
    static void checkJpegStructure(byte[] b, String name) throws BadImageException {
        int n = b.length;
        int pos = 2; // after SOI
        while (true) {
            if (pos >= n) {
                throw new BadImageException(name, "truncated JPEG data (file ends before the end-of-image marker)");
            }
            if ((b[pos] & 0xFF) != 0xFF) {
                throw new BadImageException(name, "corrupt JPEG data (expected a marker at byte " + pos + ")");
            }
            while (pos < n && (b[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= n) {
                throw new BadImageException(name, "truncated JPEG data (file ends before the end-of-image marker)");
            }
            int marker = b[pos++] & 0xFF;
            if (marker == 0xD9) {
                return; // EOI
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // stand-alone markers, no length
            }
            // 0x02–0xBF are reserved and never written; a second SOI means two files glued or garbage
            if (marker < 0xC0 || marker == 0xD8) {
                throw new BadImageException(name, String.format(Locale.ROOT,
                        "corrupt JPEG data (invalid marker 0x%02X at byte %d)", marker, pos - 1));
            }
            if (pos + 2 > n) {
                throw new BadImageException(name, "truncated JPEG data (file ends inside a marker segment)");
            }
            int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            if (length < 2) {
                throw new BadImageException(name, String.format(Locale.ROOT,
                        "corrupt JPEG data (marker 0x%02X has invalid length %d)", marker, length));
            }
            if (pos + length > n) {
                throw new BadImageException(name, String.format(Locale.ROOT,
                        "truncated or corrupt JPEG data (segment 0x%02X at byte %d runs past the end of the file)",
                        marker, pos - 2));
            }
            pos += length;
            if (marker == 0xDA) {
                pos = skipEntropyCodedData(b, pos);
            }
        }
    }

    /** Returns the index of the 0xFF that starts the first real marker after scan data, or n. */
    private static int skipEntropyCodedData(byte[] b, int pos) {
        int n = b.length;
        while (pos < n) {
            if ((b[pos] & 0xFF) != 0xFF) {
                pos++;
                continue;
            }
            int next = pos + 1 < n ? b[pos + 1] & 0xFF : -1;
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2; // stuffed zero or restart marker: still scan data
            } else if (next == 0xFF) {
                pos++; // fill byte before a marker
            } else {
                return pos; // -1 (end of file) or a real marker
            }
        }
        return n;
    }

    /** Walks PNG chunks: each must be complete with a matching CRC, and IEND must be present. */
    static void checkPngStructure(byte[] b, String name) throws BadImageException {
        int n = b.length;
        int pos = 8; // after the signature
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        while (true) {
            if (pos + 12 > n) {
                throw new BadImageException(name, "truncated PNG data (file ends before the IEND chunk)");
            }
            long length = readUint32(b, pos);
            String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (length > n - pos - 12L) {
                throw new BadImageException(name, "truncated PNG data (" + printable(type) + " chunk cut short)");
            }
            int dataEnd = pos + 8 + (int) length;
            crc.reset();
            crc.update(b, pos + 4, 4 + (int) length);
            if (crc.getValue() != readUint32(b, dataEnd)) {
                throw new BadImageException(name, "corrupt PNG data (CRC mismatch in " + printable(type) + " chunk)");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos = dataEnd + 4;
        }
    }

    private static long readUint32(byte[] b, int pos) {
        return ((long) (b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
    }

    private static String printable(String chunkType) {
        // chunk types are four ASCII letters; anything else means we are reading garbage
        return chunkType.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ? chunkType : "a damaged";
    }

    // ---- colour conversion ---------------------------------------------------------------

    /**
     * Any decoded image to 8-bit RGB. Integer greyscale and sRGB images (any bit depth up to 16,
     * with or without alpha) are read from the raster directly, so stored values are kept exactly
     * (8-bit) or rounded (16-bit: v·255/65535). Everything else (palettes, CMYK already converted
     * by the reader, packed RGB) goes through {@link BufferedImage#getRGB}.
     */
    static RgbImage toRgb(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof ComponentColorModel && isIntegerRaster(img.getRaster())) {
            ColorSpace cs = cm.getColorSpace();
            int colors = cm.getNumColorComponents();
            if ((cs.getType() == ColorSpace.TYPE_GRAY && colors == 1) || (cs.isCS_sRGB() && colors == 3)) {
                return fromComponentRaster(img.getRaster(), cm);
            }
        }
        return fromArgb(img, cm.hasAlpha());
    }

    private static boolean isIntegerRaster(Raster r) {
        int t = r.getTransferType();
        return t == DataBuffer.TYPE_BYTE || t == DataBuffer.TYPE_USHORT || t == DataBuffer.TYPE_INT;
    }

    private static RgbImage fromComponentRaster(Raster raster, ColorModel cm) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int colors = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        long[] max = new long[colors + (alpha ? 1 : 0)];
        for (int band = 0; band < max.length; band++) {
            int bits = Math.min(cm.getComponentSize(band), 31);
            max[band] = (1L << bits) - 1;
        }
        long alphaMax = alpha ? max[colors] : 1;
        byte[] out = new byte[w * h * 3];
        int[][] rows = new int[max.length][w];
        for (int y = 0; y < h; y++) {
            for (int band = 0; band < max.length; band++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, rows[band]);
            }
            for (int x = 0; x < w; x++) {
                long a = alpha ? rows[colors][x] : 1;
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int band = colors == 1 ? 0 : c;
                    long v = rows[band][x];
                    long m = max[band];
                    long num = v * 255;
                    long den = m;
                    if (alpha && !premultiplied) {
                        // composite over black: colour × alpha
                        num *= a;
                        den *= alphaMax;
                    }
                    out[o + c] = (byte) ((num + den / 2) / den);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage fromArgb(BufferedImage img, boolean hasAlpha) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w); // non-premultiplied ARGB, sRGB
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                if (hasAlpha) {
                    int a = p >>> 24;
                    r = (r * a + 127) / 255;
                    g = (g * a + 127) / 255;
                    b = (b * a + 127) / 255;
                }
                int o = (y * w + x) * 3;
                out[o] = (byte) r;
                out[o + 1] = (byte) g;
                out[o + 2] = (byte) b;
            }
        }
        return new RgbImage(w, h, out);
    }

    // ---- EXIF ----------------------------------------------------------------------------

    /** The EXIF orientation, or 1 when absent or unreadable (broken metadata must not lose a photo). */
    static int readOrientation(byte[] bytes, ImageFormat format) {
        try {
            Metadata metadata;
            if (format == ImageFormat.JPEG) {
                // only the EXIF segment reader: skips XMP/ICC/IPTC parsing we do not need
                metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader()));
            } else if (format == ImageFormat.PNG || format == ImageFormat.TIFF || format == ImageFormat.WEBP) {
                metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            } else {
                return 1;
            }
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int value = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return ExifOrientation.isValid(value) ? value : 1;
        } catch (Exception e) {
            return 1;
        }
    }

    // ---- saving --------------------------------------------------------------------------

    /** JPEG quality used by {@link #save}: high enough that crops stay usable as model input. */
    public static final float JPEG_QUALITY = 0.95f;

    /** {@code image} encoded as PNG (for answers over HTTP). */
    public static byte[] pngBytes(RgbImage image) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            if (!ImageIO.write(image.toBufferedImage(), "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in-memory: cannot happen
        }
    }

    /**
     * Writes {@code image} as PNG or JPEG, chosen by the extension of {@code file}
     * ({@code .png}, {@code .jpg}, {@code .jpeg}, any case). Creates missing parent folders;
     * overwrites an existing file.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static void save(RgbImage image, Path file) throws IOException {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jpeg = fileName.endsWith(".jpg") || fileName.endsWith(".jpeg");
        boolean png = fileName.endsWith(".png");
        if (!jpeg && !png) {
            throw new IllegalArgumentException(file + ": cannot tell the format to write; use a .png, .jpg or .jpeg name");
        }
        BufferedImage buffered = image.toBufferedImage();
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(jpeg ? "jpeg" : "png");
        if (!writers.hasNext()) {
            throw new IOException(file + ": no " + (jpeg ? "JPEG" : "PNG") + " writer available");
        }
        ImageWriter writer = writers.next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (jpeg) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                if (out == null) {
                    throw new IOException(file + ": cannot open for writing");
                }
                writer.setOutput(out);
                writer.write(null, new IIOImage(buffered, null, null), param);
            }
        } finally {
            writer.dispose();
        }
    }

    // ---- messages ------------------------------------------------------------------------

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 512);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            boolean text = c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F) || c >= 0x80;
            if (!text) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return "unexpected end of file";
            }
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // ImageIO often wraps the informative message (e.g. of an EOFException) in a generic one
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            String causeMsg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (!msg.contains(causeMsg)) {
                msg = msg + ": " + causeMsg;
            }
        }
        return oneLine(msg);
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    static String formatMegapixels(long pixels) {
        double mp = pixels / 1e6;
        if (mp >= 10) {
            return String.format(Locale.ROOT, "%.0f MP", mp);
        }
        if (mp >= 0.1) {
            return String.format(Locale.ROOT, "%.1f MP", mp);
        }
        return pixels + " pixels";
    }

    private static String formatBytes(long bytes) {
        if (bytes >= 1024L * 1024) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
