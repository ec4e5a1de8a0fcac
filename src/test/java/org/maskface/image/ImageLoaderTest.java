package org.maskface.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageLoaderTest {

    static Path fixture(String name) {
        try {
            return Path.of(ImageLoaderTest.class.getResource("/badinput/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing test fixture badinput/" + name, e);
        }
    }

    static BadImageException rejected(Path file) {
        return assertThrows(BadImageException.class, () -> ImageLoader.load(file));
    }

    /** Mean absolute difference over all channels of two same-sized images. */
    static double meanAbsDiff(RgbImage a, RgbImage b) {
        assertEquals(a.width(), b.width(), "width");
        assertEquals(a.height(), b.height(), "height");
        long sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += Math.abs((a.data()[i] & 0xFF) - (b.data()[i] & 0xFF));
        }
        return sum / (double) a.data().length;
    }

    static void assertGrey(RgbImage img) {
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int r = img.get(x, y, 0);
                assertEquals(r, img.get(x, y, 1), "G at " + x + "," + y);
                assertEquals(r, img.get(x, y, 2), "B at " + x + "," + y);
            }
        }
    }

    // ---- failures: one clear line naming the file ----------------------------------------

    @Test
    void missingFileIsReportedAsNotFound(@TempDir Path dir) {
        Path missing = dir.resolve("x.jpg");
        BadImageException e = rejected(missing);
        assertEquals(missing + ": file not found", e.getMessage());
        assertEquals(missing.toString(), e.source());
        assertEquals("file not found", e.problem());
    }

    @Test
    void directoryIsRejected(@TempDir Path dir) {
        assertEquals(dir + ": is a directory, not an image file", rejected(dir).getMessage());
    }

    @Test
    void unreadableFileIsRejected(@TempDir Path dir) throws IOException {
        Path f = Files.copy(fixture("face.jpg"), dir.resolve("locked.jpg"));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(f), "running as root: permissions do not stop reading");
        assertEquals(f + ": permission denied (cannot read file)", rejected(f).getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        Path f = fixture("empty.jpg");
        assertEquals(f + ": empty file (0 bytes)", rejected(f).getMessage());
        assertThrows(BadImageException.class, () -> ImageLoader.load(new byte[0], "mem"));
    }

    @Test
    void textFileIsNotAnImage() {
        Path f = fixture("text.jpg");
        assertEquals(f + ": not an image, looks like text (no JPEG/PNG/GIF/BMP/TIFF/PNM/WebP signature)",
                rejected(f).getMessage());
        BadImageException binary = assertThrows(BadImageException.class,
                () -> ImageLoader.load(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, "blob.bin"));
        assertEquals("blob.bin: not an image (no JPEG/PNG/GIF/BMP/TIFF/PNM/WebP signature)", binary.getMessage());
    }

    @Test
    void truncatedJpegIsRejected() {
        Path f = fixture("truncated.jpg");
        assertEquals(f + ": truncated JPEG data (file ends before the end-of-image marker)", rejected(f).getMessage());
    }

    @Test
    void truncatedPngIsRejected() {
        Path f = fixture("truncated.png");
        assertEquals(f + ": truncated PNG data (IDAT chunk cut short)", rejected(f).getMessage());
    }

    @Test
    void truncationAnywhereInAJpegIsRejected() throws IOException {
        byte[] face = Files.readAllBytes(fixture("face.jpg"));
        for (int keep = 3; keep < face.length; keep += 97) {
            byte[] cut = Arrays.copyOf(face, keep);
            BadImageException e = assertThrows(BadImageException.class, () -> ImageLoader.load(cut, "cut.jpg"),
                    "kept " + keep + " of " + face.length + " bytes");
            assertTrue(e.getMessage().startsWith("cut.jpg: truncated"), e.getMessage());
        }
    }

    @Test
    void garbageWithBogusMarkersInTheScanIsRejected() {
        Path f = fixture("corrupt.jpg");
        String msg = rejected(f).getMessage();
        assertTrue(msg.startsWith(f + ": corrupt JPEG data ("), msg);
    }

    @Test
    void garbageTheDecoderWarnsAboutIsRejected() {
        Path f = fixture("corrupt-scan.jpg");
        String msg = rejected(f).getMessage();
        assertTrue(msg.startsWith(f + ": corrupt JPEG data (decoder warning: Corrupt JPEG data"), msg);
    }

    @Test
    void corruptPngCrcIsRejected() throws IOException {
        byte[] png = Files.readAllBytes(fixture("face.png"));
        png[png.length / 2] ^= 0x55; // inside IDAT
        BadImageException e = assertThrows(BadImageException.class, () -> ImageLoader.load(png, "bad.png"));
        assertEquals("bad.png: corrupt PNG data (CRC mismatch in IDAT chunk)", e.getMessage());
    }

    @Test
    void hugeJpegIsRejectedFromItsHeaderWithoutDecoding() {
        Path f = fixture("huge.jpg");
        long before = System.nanoTime();
        BadImageException e = rejected(f);
        long millis = (System.nanoTime() - before) / 1_000_000;
        assertEquals(f + ": image is 20000x20000 (400 MP), larger than the 40 MP limit", e.getMessage());
        // decoding 400 MP would need 1.6 GB for the raster alone and take seconds
        assertTrue(millis < 2000, "took " + millis + " ms");
    }

    @Test
    void hugePngIsRejectedFromItsHeader() {
        Path f = fixture("huge.png");
        assertEquals(f + ": image is 20000x20000 (400 MP), larger than the 40 MP limit", rejected(f).getMessage());
    }

    @Test
    void pixelLimitIsConfigurable() throws BadImageException {
        Path f = fixture("face.jpg");
        ImageLoader strict = new ImageLoader().optMaxPixels(150 * 150 - 1);
        BadImageException e = assertThrows(BadImageException.class, () -> strict.read(f));
        assertEquals(f + ": image is 150x150 (22500 pixels), larger than the 22499 pixels limit", e.getMessage());
        assertEquals(150, new ImageLoader().optMaxPixels(150 * 150).read(f).width());
        assertThrows(IllegalArgumentException.class, () -> new ImageLoader().optMaxPixels(0));
    }

    @Test
    void fileSizeLimitIsCheckedBeforeReading() {
        Path f = fixture("face.png");
        ImageLoader tiny = new ImageLoader().optMaxFileBytes(1000);
        BadImageException e = assertThrows(BadImageException.class, () -> tiny.read(f));
        assertTrue(e.getMessage().startsWith(f + ": file is 31 KiB, larger than the 1000 bytes limit"), e.getMessage());
    }

    @Test
    void unsupportedContainersSaySo() {
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assumeTrue(!ImageIO.getImageReadersByFormatName("webp").hasNext(), "a WebP decoder is installed");
        BadImageException e = assertThrows(BadImageException.class, () -> ImageLoader.load(webp, "a.webp"));
        assertEquals("a.webp: WebP images are not supported (no decoder installed)", e.getMessage());

        byte[] heic = "\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(BadImageException.class, () -> ImageLoader.load(heic, "IMG_0001.HEIC"));
        assertEquals("IMG_0001.HEIC: HEIC/AVIF images are not supported; convert to JPEG or PNG", e.getMessage());
    }

    @Test
    void messagesAreOneLine() throws IOException {
        for (String name : new String[] {"empty.jpg", "text.jpg", "truncated.jpg", "truncated.png", "corrupt.jpg",
                "corrupt-scan.jpg", "huge.jpg", "huge.png"}) {
            String msg = rejected(fixture(name)).getMessage();
            assertFalse(msg.contains("\n") || msg.contains("\r"), msg);
        }
    }

    // ---- good inputs --------------------------------------------------------------------

    @Test
    void decodesPlainJpegLikeImageMagick() throws BadImageException {
        RgbImage jpeg = ImageLoader.load(fixture("face.jpg"));
        RgbImage png = ImageLoader.load(fixture("face.png")); // ImageMagick's decode of the same JPEG
        assertEquals(150, jpeg.width());
        assertEquals(150, jpeg.height());
        // two libjpeg builds differ only in IDCT/upsampling rounding
        assertTrue(meanAbsDiff(jpeg, png) < 2.0, "diff " + meanAbsDiff(jpeg, png));
    }

    @Test
    void validJpegVariantsAreNotMistakenForDamage() throws IOException {
        RgbImage face = ImageLoader.load(fixture("face.jpg"));
        // restart markers added losslessly: identical pixels
        assertArrayEquals(face.data(), ImageLoader.load(fixture("restart.jpg")).data());
        RgbImage reference = ImageLoader.load(fixture("face.png"));
        for (String name : new String[] {"progressive.jpg", "thumbnail.jpg"}) {
            RgbImage img = ImageLoader.load(fixture(name));
            assertTrue(meanAbsDiff(img, reference) < 2.5, name + " diff " + meanAbsDiff(img, reference));
        }
        // some cameras append data after the end-of-image marker
        byte[] original = Files.readAllBytes(fixture("face.jpg"));
        byte[] withTrailer = Arrays.copyOf(original, original.length + 300);
        Arrays.fill(withTrailer, original.length, withTrailer.length, (byte) 0x5A);
        assertArrayEquals(face.data(), ImageLoader.load(withTrailer, "trailer.jpg").data());
    }

    @Test
    void bmpIsLossless() throws BadImageException {
        assertArrayEquals(ImageLoader.load(fixture("face.png")).data(), ImageLoader.load(fixture("face.bmp")).data());
    }

    @Test
    void noiseDecodesFine() throws BadImageException {
        RgbImage noise = ImageLoader.load(fixture("noise.png"));
        assertEquals(256, noise.width());
        assertEquals(256, noise.height());
        int[] histogram = new int[256];
        for (byte b : noise.data()) {
            histogram[b & 0xFF]++;
        }
        assertTrue(Arrays.stream(histogram).allMatch(c -> c > 500), "uniform noise uses every value");
    }

    @Test
    void greyJpegBecomesEqualChannelsWithStoredValues() throws BadImageException {
        RgbImage grey = ImageLoader.load(fixture("gray.jpg"));
        assertGrey(grey);
        // the PGM holds the same grey picture losslessly: values must match up to JPEG loss,
        // which rules out Java's linear-grey conversion (it would brighten 128 to 188)
        RgbImage pgm = ImageLoader.load(fixture("face.pgm"));
        assertTrue(meanAbsDiff(grey, pgm) < 1.5, "diff " + meanAbsDiff(grey, pgm));
    }

    @Test
    void pgmDecodes() throws BadImageException {
        RgbImage pgm = ImageLoader.load(fixture("face.pgm"));
        assertEquals(150, pgm.width());
        assertGrey(pgm);
    }

    @Test
    void cmykJpegBecomesRgb() throws BadImageException {
        RgbImage cmyk = ImageLoader.load(fixture("cmyk.jpg"));
        RgbImage reference = ImageLoader.load(fixture("face.png"));
        double diff = meanAbsDiff(cmyk, reference);
        // no ICC profile in the file: the reader's plain CMYK→RGB formula is approximate
        assertTrue(diff < 6.0, "diff " + diff);
    }

    @Test
    void sixteenBitPngsRoundToTheEightBitValues() throws BadImageException {
        // ImageMagick widened 8-bit v to 16-bit v·257; rounding back must give v exactly
        assertArrayEquals(ImageLoader.load(fixture("face.png")).data(), ImageLoader.load(fixture("rgb16.png")).data());
        RgbImage grey16 = ImageLoader.load(fixture("gray16.png"));
        assertGrey(grey16);
        assertArrayEquals(ImageLoader.load(fixture("face.pgm")).data(), grey16.data());
    }

    @Test
    void sixteenBitGreyRoundsToNearest(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] values = {0x0080, 0x0081, 0x1234, 0xFFFF};
        for (int x = 0; x < values.length; x++) {
            img.getRaster().setSample(x, 0, 0, values[x]);
        }
        Path f = dir.resolve("g16.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage out = ImageLoader.load(f);
        int[] expected = {0, 1, 18, 255}; // round(v·255/65535)
        for (int x = 0; x < values.length; x++) {
            assertEquals(expected[x], out.get(x, 0, 0), "sample " + Integer.toHexString(values[x]));
            assertEquals(expected[x], out.get(x, 0, 2));
        }
    }

    @Test
    void paletteAndGifExpandToRgb() throws BadImageException {
        RgbImage reference = ImageLoader.load(fixture("face.png"));
        RgbImage palette = ImageLoader.load(fixture("palette.png"));
        RgbImage gif = ImageLoader.load(fixture("face.gif"));
        assertTrue(meanAbsDiff(palette, reference) < 8, "palette diff " + meanAbsDiff(palette, reference));
        assertTrue(meanAbsDiff(gif, reference) < 8, "gif diff " + meanAbsDiff(gif, reference));
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws BadImageException {
        RgbImage first = ImageLoader.load(fixture("face.gif"));
        RgbImage anim = ImageLoader.load(fixture("anim.gif"));
        assertTrue(meanAbsDiff(first, anim) < 1.0, "diff " + meanAbsDiff(first, anim));
    }

    @Test
    void alphaIsCompositedOverBlack() throws BadImageException {
        RgbImage rgba = ImageLoader.load(fixture("rgba.png"));
        RgbImage reference = ImageLoader.load(fixture("face.png"));
        // top-left 40x40 is fully transparent (hidden colour white): black after compositing
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(0, rgba.get(x, y, c));
                }
            }
        }
        // opaque pixels are untouched
        for (int y = 40; y < 150; y += 7) {
            for (int x = 0; x < 150; x += 7) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(reference.get(x, y, c), rgba.get(x, y, c));
                }
            }
        }
    }

    @Test
    void halfTransparentPixelIsScaledByAlpha(@TempDir Path dir) throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, (128 << 24) | (200 << 16) | (100 << 8) | 50);
        Path f = dir.resolve("half.png");
        ImageIO.write(img, "png", f.toFile());
        RgbImage out = ImageLoader.load(f);
        assertEquals(100, out.get(0, 0, 0)); // 200·128/255 = 100.4
        assertEquals(50, out.get(0, 0, 1));
        assertEquals(25, out.get(0, 0, 2));
    }

    // ---- EXIF orientation ---------------------------------------------------------------

    /** Red block at the top-left, blue block at the top-right, as in exif-upright.png. */
    static void assertUprightMarkers(RgbImage img, String what) {
        assertEquals(150, img.width(), what + " width");
        assertEquals(120, img.height(), what + " height");
        for (int[] p : new int[][] {{3, 3}, {10, 10}, {16, 16}}) {
            assertTrue(img.get(p[0], p[1], 0) > 200 && img.get(p[0], p[1], 1) < 60 && img.get(p[0], p[1], 2) < 60,
                    what + ": red expected at " + p[0] + "," + p[1]);
            int bx = 149 - p[0];
            assertTrue(img.get(bx, p[1], 2) > 200 && img.get(bx, p[1], 0) < 60 && img.get(bx, p[1], 1) < 60,
                    what + ": blue expected at " + bx + "," + p[1]);
        }
        // and no marker in the bottom corners
        assertTrue(img.get(10, 109, 0) < 200 || img.get(10, 109, 1) > 60, what + ": bottom-left is not red");
    }

    @Test
    void exifOrientation6IsTurnedClockwise() throws BadImageException {
        Path f = fixture("exif-rotated-6.jpg");
        RgbImage stored = new ImageLoader().optApplyExifOrientation(false).read(f);
        assertEquals(120, stored.width());
        assertEquals(150, stored.height());
        // stored turned a quarter counter-clockwise: the red block is at the stored bottom-left
        assertTrue(stored.get(10, 139, 0) > 200 && stored.get(10, 139, 2) < 60);
        assertUprightMarkers(ImageLoader.load(f), "orientation 6");
    }

    @Test
    void exifOrientation3IsTurnedHalfway() throws BadImageException {
        Path f = fixture("exif-rotated-3.jpg");
        RgbImage stored = new ImageLoader().optApplyExifOrientation(false).read(f);
        assertTrue(stored.get(139, 109, 0) > 200 && stored.get(139, 109, 2) < 60, "stored upside down");
        assertUprightMarkers(ImageLoader.load(f), "orientation 3");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyExifOrientationGivesTheUprightPicture(int orientation) throws BadImageException {
        RgbImage upright = ImageLoader.load(fixture("exif-upright.png"));
        RgbImage loaded = ImageLoader.load(fixture("exif-rotated-" + orientation + ".jpg"));
        assertUprightMarkers(loaded, "orientation " + orientation);
        double diff = meanAbsDiff(upright, loaded);
        assertTrue(diff < 3.0, "orientation " + orientation + ": diff " + diff);
    }

    // ---- shared datasets (skipped when ../shared is absent) -----------------------------

    @Test
    void loadsOrlPgmAndYaleGifFromSharedData() throws BadImageException {
        Path data = Path.of("..", "shared", "data");
        Path orl = data.resolve("orl-att-faces/s1/1.pgm");
        Path yale = data.resolve("yalefaces/subject01.glasses");
        assumeTrue(Files.isRegularFile(orl) && Files.isRegularFile(yale), "shared data not present");
        RgbImage o = ImageLoader.load(orl);
        assertEquals(92, o.width());
        assertEquals(112, o.height());
        assertGrey(o);
        RgbImage y = ImageLoader.load(yale); // GIF without extension: sniffed from its bytes
        assertEquals(320, y.width());
        assertEquals(243, y.height());
    }

    // ---- saving -------------------------------------------------------------------------

    @Test
    void pngSaveIsLossless(@TempDir Path dir) throws IOException {
        RgbImage face = ImageLoader.load(fixture("face.jpg"));
        Path out = dir.resolve("crop.PNG");
        ImageLoader.save(face, out);
        assertArrayEquals(face.data(), ImageLoader.load(out).data());
    }

    @Test
    void jpegSaveIsClose(@TempDir Path dir) throws IOException {
        RgbImage face = ImageLoader.load(fixture("face.png"));
        for (String name : new String[] {"a.jpg", "b.jpeg"}) {
            Path out = dir.resolve(name);
            ImageLoader.save(face, out);
            ImageLoader.save(face, out); // overwrite works
            assertEquals(ImageFormat.JPEG, ImageFormat.sniff(Files.readAllBytes(out)));
            assertTrue(meanAbsDiff(face, ImageLoader.load(out)) < 3.0);
        }
    }

    @Test
    void saveRefusesUnknownExtensions(@TempDir Path dir) throws BadImageException {
        RgbImage face = ImageLoader.load(fixture("face.png"));
        assertThrows(IllegalArgumentException.class, () -> ImageLoader.save(face, dir.resolve("x.tiff")));
        assertThrows(IllegalArgumentException.class, () -> ImageLoader.save(face, dir.resolve("noext")));
    }
}
