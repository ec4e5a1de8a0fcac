// Shared helpers for the face-api reference scripts (golden.mjs, bench.mjs, convert-samples.mjs).
//
// face-api is loaded in Node WITHOUT @tensorflow/tfjs-node (that package downloads a native
// binary at install time). We use face-api's `dist/face-api.node-wasm.js` build: a CommonJS
// bundle of face-api alone that `require`s the pure-JS `@tensorflow/tfjs` (and
// `@tensorflow/tfjs-backend-wasm`, which only registers a backend we never select). Both
// face-api and this script therefore share ONE tfjs engine, and we select its pure-JS `cpu`
// backend explicitly. (The ESM `face-api.esm-nobundle.js` build cannot be used in plain Node:
// it imports `@tensorflow/tfjs/dist/index.js`, whose extension-less internal imports Node's
// ESM resolver rejects.)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const tf = require('@tensorflow/tfjs');
export const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const { PNG } = require('pngjs');
const jpeg = require('jpeg-js');
const { GifReader } = require('omggif');

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const MODEL_DIR = path.join(REPO, 'models', 'face-api');
export const SAMPLES_DIR = path.join(REPO, 'samples', 'faces');
export const SHARED_DATA = process.env.MASKFACE_SHARED_DATA || '/work/shared/data';

export function packageVersion(name) {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

export async function initTf() {
  await tf.setBackend('cpu');
  await tf.ready();
  if (tf.getBackend() !== 'cpu') throw new Error(`expected cpu backend, got ${tf.getBackend()}`);
  if (faceapi.tf.engine() !== tf.engine()) throw new Error('face-api does not share our tfjs engine');
}

/** Reads a tfjs weights manifest + its .bin shards from dir and decodes them (dequantising uint8). */
export function readWeightMap(dir, modelName) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, `${modelName}-weights_manifest.json`), 'utf8'));
  const weightMap = {};
  for (const group of manifest) {
    const bufs = group.paths.map((p) => fs.readFileSync(path.join(dir, p)));
    const all = Buffer.concat(bufs);
    // copy into a fresh, exactly-sized ArrayBuffer (Node Buffers may be views on a larger pool)
    const ab = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    Object.assign(weightMap, tf.io.decodeWeights(ab, group.weights));
  }
  return weightMap;
}

/** Loads the three nets used by maskface from models/face-api (the vendored copy). */
export async function loadNets(dir = MODEL_DIR) {
  await initTf();
  faceapi.nets.ssdMobilenetv1.loadFromWeightMap(readWeightMap(dir, 'ssd_mobilenetv1_model'));
  faceapi.nets.faceLandmark68Net.loadFromWeightMap(readWeightMap(dir, 'face_landmark_68_model'));
  faceapi.nets.faceRecognitionNet.loadFromWeightMap(readWeightMap(dir, 'face_recognition_model'));
  return faceapi.nets;
}

// ---------------------------------------------------------------------------------------------
// Image decoding (pure JS). All decoders return { width, height, data: Uint8Array RGB (3/pixel) }.
// Alpha is dropped (not composited); grey is expanded to R=G=B.

function rgbaToRgb(width, height, rgba) {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    rgb[i * 3] = rgba[j];
    rgb[i * 3 + 1] = rgba[j + 1];
    rgb[i * 3 + 2] = rgba[j + 2];
  }
  return { width, height, data: rgb };
}

export function decodePng(buf) {
  // pngjs always yields 8-bit RGBA (grey → R=G=B, alpha 255 if absent)
  const png = PNG.sync.read(buf);
  return rgbaToRgb(png.width, png.height, png.data);
}

export function decodeJpeg(buf) {
  const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  return rgbaToRgb(img.width, img.height, img.data);
}

export function decodeGif(buf) {
  const reader = new GifReader(new Uint8Array(buf));
  const rgba = new Uint8Array(reader.width * reader.height * 4);
  reader.decodeAndBlitFrameRGBA(0, rgba);
  return rgbaToRgb(reader.width, reader.height, rgba);
}

export function decodeImageFile(file) {
  const buf = fs.readFileSync(file);
  if (buf[0] === 0x89 && buf[1] === 0x50) return decodePng(buf);
  if (buf[0] === 0xff && buf[1] === 0xd8) return decodeJpeg(buf);
  if (buf.slice(0, 3).toString('latin1') === 'GIF') return decodeGif(buf);
  throw new Error(`unknown image format: ${file}`);
}

/** Encodes RGB as PNG; grey (R=G=B everywhere) images are written as 8-bit greyscale PNG. */
export function encodePng(img, { grey = false } = {}) {
  const png = new PNG({ width: img.width, height: img.height, colorType: grey ? 0 : 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return PNG.sync.write(png, { colorType: grey ? 0 : 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 9 });
}

export function isGrey(img) {
  const d = img.data;
  for (let i = 0; i < d.length; i += 3) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
  return true;
}

/** RGB image → int32 tf.Tensor3D [H, W, 3] (what face-api's tf.node.decodeImage would give). */
export function toTensor(img) {
  return tf.tensor3d(Int32Array.from(img.data), [img.height, img.width, 3], 'int32');
}

// ---------------------------------------------------------------------------------------------

/** Area-averaging downscale (box filter with fractional pixel coverage), RGB uint8. */
export function resizeArea(img, outW, outH) {
  const { width: inW, height: inH, data } = img;
  const out = new Uint8Array(outW * outH * 3);
  const sx = inW / outW;
  const sy = inH / outH;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      const acc = [0, 0, 0];
      let wsum = 0;
      for (let iy = Math.floor(y0); iy < Math.min(inH, Math.ceil(y1)); iy++) {
        const wy = Math.min(y1, iy + 1) - Math.max(y0, iy);
        for (let ix = Math.floor(x0); ix < Math.min(inW, Math.ceil(x1)); ix++) {
          const w = wy * (Math.min(x1, ix + 1) - Math.max(x0, ix));
          const p = (iy * inW + ix) * 3;
          acc[0] += w * data[p];
          acc[1] += w * data[p + 1];
          acc[2] += w * data[p + 2];
          wsum += w;
        }
      }
      const q = (oy * outW + ox) * 3;
      for (let c = 0; c < 3; c++) out[q + c] = Math.min(255, Math.max(0, Math.round(acc[c] / wsum)));
    }
  }
  return { width: outW, height: outH, data: out };
}

export function sha256(buf) {
  return require('node:crypto').createHash('sha256').update(buf).digest('hex');
}
