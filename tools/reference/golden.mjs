// Writes src/test/resources/golden/faceapi-golden.json: reference outputs of
// @vladmandic/face-api 1.7.15 (pure-JS @tensorflow/tfjs, cpu backend) on samples/faces/*.png,
// for testing the Java/DJL port. See README.md for the meaning of every field.
//
//   cd tools/reference && npm ci && node golden.mjs
//
// The per-face pipeline below re-does, step by step and with face-api's own classes, what
//   faceapi.detectAllFaces(img, new SsdMobilenetv1Options({minConfidence: 0.5}))
//     .withFaceLandmarks().withFaceDescriptors()
// does for a tf.Tensor3D input, so that the intermediate integer crop rectangles can be recorded;
// the high-level call is then run as well and the two are compared (the script fails if they
// differ at all).
import fs from 'node:fs';
import path from 'node:path';
import { faceapi, tf, loadNets, decodePng, toTensor, packageVersion, REPO, SAMPLES_DIR } from './lib.mjs';

const OUT = path.join(REPO, 'src', 'test', 'resources', 'golden', 'faceapi-golden.json');
const MIN_CONFIDENCE = 0.5;
const MAX_RESULTS = 100;

const nets = await loadNets();
const ssdOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE, maxResults: MAX_RESULTS });

const rect = (b) => [b.x, b.y, b.width, b.height];
const points = (lm) => lm.positions.map((p) => [p.x, p.y]);

/** Exactly what extractFaceTensors() does with each entry of its `detections` argument. */
function faceApiSliceBox(detOrRect, imgWidth, imgHeight) {
  const box = detOrRect instanceof faceapi.FaceDetection ? detOrRect.forSize(imgWidth, imgHeight).box : detOrRect;
  return box.clipAtImageBorders(imgWidth, imgHeight);
}

/** tf.slice3d of box (x, y, width, height integers), as extractFaceTensors does it. */
function sliceFace(img, box) {
  const [h, w, c] = img.shape;
  return tf.tidy(() => tf.slice3d(img.as3D(h, w, c), [box.y, box.x, 0], [box.height, box.width, c]));
}

function firstValues(t, n) {
  return Array.from(t.dataSync().slice(0, n));
}

function sum(t) {
  return tf.tidy(() => tf.sum(tf.cast(t, 'float32')).dataSync()[0]);
}

function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function debugInfo(imgTensor, faces, alignedBoxes) {
  // SSD input: NetInput.toBatchTensor(512, isCenterInputs=false) → /127.5 − 1 (SsdMobilenetv1.forwardInput)
  const ssdIn = await faceapi.toNetInput(imgTensor);
  const ssdBatch = tf.tidy(() => tf.sub(tf.div(tf.cast(ssdIn.toBatchTensor(512, false), 'float32'), 127.5), 1));
  // raw (pre-NMS) SSD output: boxes are [ymin, xmin, ymax, xmax] relative to the padded 512x512 square
  const { boxes, scores } = nets.ssdMobilenetv1.forwardInput(ssdIn);
  const scoreData = Array.from(scores[0].dataSync());
  const boxData = boxes[0].arraySync();
  const top = scoreData.map((s, i) => ({ i, s })).sort((a, b) => b.s - a.s).slice(0, 5)
    .map(({ i, s }) => ({ anchorIndex: i, score: s, boxYxyxRelPadded: boxData[i] }));
  boxes.forEach((t) => t.dispose());
  scores.forEach((t) => t.dispose());

  const meanRgb = [122.782, 117.001, 104.298];
  const dbg = {
    ssdInputShape: ssdBatch.shape,
    ssdInputFirstPixels: firstValues(ssdBatch, 12),
    ssdInputSum: sum(ssdBatch),
    ssdRawTop5: top,
    ssdNumAnchors: scoreData.length,
  };
  ssdBatch.dispose();
  if (faces.length) {
    // landmark net input: toBatchTensor(112, isCenterInputs=true) → (x − meanRgb) / 255 (FaceFeatureExtractor.forwardInput)
    const crop = sliceFace(imgTensor, faces[0].cropBox);
    const lmIn = (await faceapi.toNetInput(crop)).toBatchTensor(112, true);
    const lmNorm = tf.tidy(() => tf.div(tf.sub(lmIn, tf.tensor1d(meanRgb)), 255));
    // recognition net input: toBatchTensor(150, isCenterInputs=true) → (x − meanRgb) / 255 (FaceRecognitionNet.forwardInput)
    const aligned = sliceFace(imgTensor, alignedBoxes[0]);
    const recIn = (await faceapi.toNetInput(aligned)).toBatchTensor(150, true);
    const recNorm = tf.tidy(() => tf.div(tf.sub(recIn, tf.tensor1d(meanRgb)), 255));
    Object.assign(dbg, {
      landmarkInputShape: lmNorm.shape,
      landmarkInputFirstPixels: firstValues(lmNorm, 12),
      landmarkInputSum: sum(lmNorm),
      recognitionInputShape: recNorm.shape,
      recognitionInputFirstPixels: firstValues(recNorm, 12),
      recognitionInputSum: sum(recNorm),
    });
    tf.dispose([crop, lmIn, lmNorm, aligned, recIn, recNorm]);
  }
  return dbg;
}

const files = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.png')).sort();
const images = [];
let worst = { score: 0, box: 0, landmarks: 0, descriptor: 0 };
const t0 = Date.now();

for (const [idx, file] of files.entries()) {
  const img = decodePng(fs.readFileSync(path.join(SAMPLES_DIR, file)));
  const W = img.width;
  const H = img.height;
  const imgTensor = toTensor(img);

  // 1. detection
  const dets = await nets.ssdMobilenetv1.locateFaces(imgTensor, ssdOptions);

  // 2.-4. per face: crop → landmarks → dlib alignment → descriptor
  const faces = [];
  const alignedBoxes = [];
  for (const det of dets) {
    const cropBox = faceApiSliceBox(det, W, H);
    if (!(cropBox.width > 0 && cropBox.height > 0)) throw new Error(`${file}: empty crop (extractFaceTensors would drop it)`);
    const crop = sliceFace(imgTensor, cropBox);
    // cross-check our slice against face-api's own extractFaceTensors
    const [ref] = await faceapi.extractFaceTensors(imgTensor, [det]);
    if (maxAbsDiff(crop.dataSync(), ref.dataSync()) !== 0) throw new Error(`${file}: crop differs from extractFaceTensors`);
    ref.dispose();

    const unshifted = await nets.faceLandmark68Net.detectLandmarks(crop); // positions in crop pixels
    crop.dispose();
    // face-api (extendWithFaceLandmarks) shifts by the detection box's FLOAT x, y, not by the floored crop x, y
    const landmarks = unshifted.shiftBy(det.box.x, det.box.y);
    const alignedRect = landmarks.align(null, { useDlibAlignment: true });
    const alignedBox = faceApiSliceBox(alignedRect, W, H);
    const aligned = sliceFace(imgTensor, alignedBox);
    const descriptor = await nets.faceRecognitionNet.computeFaceDescriptor(aligned);
    aligned.dispose();

    faces.push({
      cropBox,
      out: {
        crop: rect(cropBox),
        landmarksInCrop: points(unshifted),
        landmarkShift: [det.box.x, det.box.y],
        landmarks: points(landmarks),
        alignedRectUnclipped: rect(alignedRect),
        alignedCrop: rect(alignedBox),
        descriptor: Array.from(descriptor),
      },
    });
    alignedBoxes.push(alignedBox);
  }

  // 5. the two nets applied to the whole image (their own pad-to-square + resize)
  const wholeLm = await nets.faceLandmark68Net.detectLandmarks(imgTensor);
  const wholeDesc = await nets.faceRecognitionNet.computeFaceDescriptor(imgTensor);

  // 6. cross-check against the high-level API
  const hi = await faceapi.detectAllFaces(imgTensor, ssdOptions).withFaceLandmarks().withFaceDescriptors();
  if (hi.length !== dets.length) throw new Error(`${file}: high-level API found ${hi.length} faces, locateFaces ${dets.length}`);
  const diff = { score: 0, box: 0, landmarks: 0, descriptor: 0 };
  hi.forEach((r, i) => {
    diff.score = Math.max(diff.score, Math.abs(r.detection.score - dets[i].score));
    diff.box = Math.max(diff.box, maxAbsDiff(rect(r.detection.box), rect(dets[i].box)));
    diff.landmarks = Math.max(diff.landmarks, maxAbsDiff(points(r.landmarks).flat(), faces[i].out.landmarks.flat()));
    diff.descriptor = Math.max(diff.descriptor, maxAbsDiff(Array.from(r.descriptor), faces[i].out.descriptor));
  });
  for (const k of Object.keys(worst)) worst[k] = Math.max(worst[k], diff[k]);

  const entry = {
    file: `samples/faces/${file}`,
    width: W,
    height: H,
    detections: dets.map((d) => ({ score: d.score, box: rect(d.box) })),
    faces: faces.map((f) => f.out),
    wholeImage: { landmarks: points(wholeLm), descriptor: Array.from(wholeDesc) },
  };
  if (idx === 0) entry.debug = await debugInfo(imgTensor, faces, alignedBoxes);
  images.push(entry);
  imgTensor.dispose();
  console.log(`${file} ${W}x${H}: ${dets.length} face(s) [${dets.map((d) => d.score.toFixed(4)).join(', ')}]`
    + `  crop ${faces.map((f) => JSON.stringify(f.out.crop)).join(' ')} aligned ${faces.map((f) => JSON.stringify(f.out.alignedCrop)).join(' ')}`
    + `  | high-level max|diff| ${JSON.stringify(diff)}`);
}

const golden = {
  faceApiVersion: packageVersion('@vladmandic/face-api'),
  tfjsVersion: tf.version.tfjs,
  backend: tf.getBackend(),
  generatedBy: 'tools/reference/golden.mjs',
  faceApiBuild: '@vladmandic/face-api/dist/face-api.node-wasm.js (cpu backend selected)',
  options: { minConfidence: MIN_CONFIDENCE, maxResults: MAX_RESULTS, ssdIouThreshold: 0.5, alignment: 'useDlibAlignment' },
  highLevelApiMaxAbsDiff: worst,
  images,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `${JSON.stringify(golden)}\n`);
console.log(`wrote ${path.relative(REPO, OUT)} (${images.length} images) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`max |diff| vs detectAllFaces().withFaceLandmarks().withFaceDescriptors(): ${JSON.stringify(worst)}`);
if (Object.values(worst).some((v) => v !== 0)) {
  console.error('ERROR: step-by-step pipeline differs from the high-level API');
  process.exit(1);
}
console.log(`tensors still allocated: ${tf.memory().numTensors}`);
