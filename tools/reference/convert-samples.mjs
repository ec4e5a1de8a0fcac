// (Re)creates samples/faces/*.png from the shared data sets (see samples/README.md).
//
//   node convert-samples.mjs            # writes samples/faces/*.png, prints sha256 of each
//   MASKFACE_SHARED_DATA=/path node convert-samples.mjs
//
// Decoding is pure JS (jpeg-js for LFW/RMFD JPEGs, omggif for Yale GIFs); output is lossless
// 8-bit RGB PNG (pngjs), so that Java and Node read bit-identical pixels. Grey sources (Yale)
// are stored as RGB with R=G=B (not as a greyscale PNG: Java's BufferedImage.getRGB() on a
// TYPE_BYTE_GRAY image applies a grey-gamma conversion that would change the pixel values).
// No image here needs resizing (all sources are <= 640 px on the long side); resizeArea() in
// lib.mjs would be used, and recorded in samples/README.md, if one ever did.
//
// The selection was made with find-candidates.mjs: every sample listed here has at least one
// face found by face-api's SSD MobileNetV1 detector at minConfidence 0.5 on the ORIGINAL image.
import fs from 'node:fs';
import path from 'node:path';
import { decodeImageFile, encodePng, resizeArea, sha256, SAMPLES_DIR, SHARED_DATA } from './lib.mjs';

const MAX_SIDE = 640;

export const SAMPLES = [
  // LFW (deep-funnelled, 150x150 centre crops): 4 identities x 2 images
  { out: 'lfw_george_w_bush_0016.png', src: 'lfw150/George_W_Bush/George_W_Bush_0016.jpg' },
  { out: 'lfw_george_w_bush_0150.png', src: 'lfw150/George_W_Bush/George_W_Bush_0150.jpg' },
  { out: 'lfw_colin_powell_0095.png', src: 'lfw150/Colin_Powell/Colin_Powell_0095.jpg' },
  { out: 'lfw_colin_powell_0133.png', src: 'lfw150/Colin_Powell/Colin_Powell_0133.jpg' },
  { out: 'lfw_tony_blair_0091.png', src: 'lfw150/Tony_Blair/Tony_Blair_0091.jpg' },
  { out: 'lfw_tony_blair_0121.png', src: 'lfw150/Tony_Blair/Tony_Blair_0121.jpg' },
  { out: 'lfw_laura_bush_0011.png', src: 'lfw150/Laura_Bush/Laura_Bush_0011.jpg' },
  { out: 'lfw_laura_bush_0021.png', src: 'lfw150/Laura_Bush/Laura_Bush_0021.jpg' },
  // Real-World Masked Face Dataset (RMFD), part 1 raw samples
  { out: 'rmfd_masked_01.png', src: 'rwmfd-real-masked/0000/0001.jpg' },
  { out: 'rmfd_masked_02.png', src: 'rwmfd-real-masked/0000/0002.jpg' },
  // Yale Face Database (grey GIF 320x243)
  { out: 'yale_subject01_glasses.png', src: 'yalefaces/subject01.glasses' },
];

export function convertAll({ quiet = false } = {}) {
  fs.mkdirSync(SAMPLES_DIR, { recursive: true });
  const rows = [];
  for (const { out, src } of SAMPLES) {
    let img = decodeImageFile(path.join(SHARED_DATA, src));
    const orig = `${img.width}x${img.height}`;
    let resized = false;
    const longSide = Math.max(img.width, img.height);
    if (longSide > MAX_SIDE) {
      const s = MAX_SIDE / longSide;
      img = resizeArea(img, Math.round(img.width * s), Math.round(img.height * s));
      resized = true;
    }
    const png = encodePng(img);
    fs.writeFileSync(path.join(SAMPLES_DIR, out), png);
    rows.push({ out, src, orig, size: `${img.width}x${img.height}`, resized, bytes: png.length, sha256: sha256(png) });
    if (!quiet) console.log(`${out}\t${src}\t${orig}${resized ? ` -> ${img.width}x${img.height} (area resize)` : ''}\t${png.length} B\tsha256 ${sha256(png)}`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) convertAll();
