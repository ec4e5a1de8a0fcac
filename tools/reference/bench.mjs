// Times @vladmandic/face-api 1.7.15 in Node (pure-JS @tensorflow/tfjs, cpu backend) per stage on
// samples/faces/*.png and writes docs/bench/faceapi-node.json (compared against by the Java port).
//
//   cd tools/reference && npm ci && node bench.mjs [--runs 20] [--warmup 3] [--images N] [--out path]
//
// A full run (11 images x 23 SSD calls of ~7 s) takes about 35 min on one core; --images N times
// only the first N samples (sorted by name) for a quicker figure.
//
// Stages (each timed on its own, same inputs as golden.mjs):
//   ssdDetection  nets.ssdMobilenetv1.locateFaces(imageTensor, {minConfidence 0.5, maxResults 100})
//                 (whole image → 512x512, incl. NMS and reading results back)
//   landmarks     nets.faceLandmark68Net.detectLandmarks(faceCrop)      (crop → 112x112)
//   descriptor    nets.faceRecognitionNet.computeFaceDescriptor(alignedCrop) (crop → 150x150)
// Crops are sliced (as in golden.mjs) outside the timed region. Every sample has exactly one
// face, so "per image" = "per face". Each (stage, image) is run `warmup` times untimed, then
// `runs` times timed; the stage median/p90 pool all timed runs over all images.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { faceapi, tf, loadNets, decodePng, toTensor, packageVersion, REPO, SAMPLES_DIR } from './lib.mjs';

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const RUNS = Number(arg('runs', 20));
const WARMUP = Number(arg('warmup', 3));
const MAX_IMAGES = Number(arg('images', Infinity));
const OUT = path.resolve(REPO, arg('out', 'docs/bench/faceapi-node.json'));

const nets = await loadNets();
const ssdOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });

function quantile(sorted, q) {
  // linear interpolation between closest ranks (numpy's default)
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { medianMs: quantile(s, 0.5), p90Ms: quantile(s, 0.9), minMs: s[0], maxMs: s[s.length - 1], n: s.length };
}
// wall-clock ms, plus this process's CPU time (user + system) per run: the CPU time is what to
// compare when other processes compete for the cores (tfjs-cpu itself is single-threaded).
async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms, cpu };
}
const slice = (img, b) => tf.tidy(() => tf.slice3d(img, [b.y, b.x, 0], [b.height, b.width, 3]));

const files = fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.png')).sort().slice(0, MAX_IMAGES);
const all = { ssdDetection: [], landmarks: [], descriptor: [] };
const allCpu = { ssdDetection: [], landmarks: [], descriptor: [] };
const loadAvgStart = os.loadavg();
const perImage = [];
const tStart = Date.now();
for (const file of files) {
  const img = decodePng(fs.readFileSync(path.join(SAMPLES_DIR, file)));
  const imgTensor = toTensor(img);
  const dets = await nets.ssdMobilenetv1.locateFaces(imgTensor, ssdOptions);
  if (dets.length === 0) { console.log(`${file}: no face, skipped`); imgTensor.dispose(); continue; }
  const det = dets[0];
  const cropBox = det.forSize(img.width, img.height).box.clipAtImageBorders(img.width, img.height);
  const crop = slice(imgTensor, cropBox);
  const lm = (await nets.faceLandmark68Net.detectLandmarks(crop)).shiftBy(det.box.x, det.box.y);
  const alignedBox = lm.align(null, { useDlibAlignment: true }).clipAtImageBorders(img.width, img.height);
  const aligned = slice(imgTensor, alignedBox);

  const ssd = await time(async () => { await nets.ssdMobilenetv1.locateFaces(imgTensor, ssdOptions); });
  const land = await time(async () => { await nets.faceLandmark68Net.detectLandmarks(crop); });
  const desc = await time(async () => { await nets.faceRecognitionNet.computeFaceDescriptor(aligned); });
  for (const [k, v] of [['ssdDetection', ssd], ['landmarks', land], ['descriptor', desc]]) {
    all[k].push(...v.ms);
    allCpu[k].push(...v.cpu);
  }
  const row = {
    file: `samples/faces/${file}`,
    width: img.width,
    height: img.height,
    faces: dets.length,
    crop: [cropBox.width, cropBox.height],
    alignedCrop: [alignedBox.width, alignedBox.height],
    ssdDetection: stats(ssd.ms),
    landmarks: stats(land.ms),
    descriptor: stats(desc.ms),
    cpuMedianMs: { ssdDetection: stats(ssd.cpu).medianMs, landmarks: stats(land.cpu).medianMs, descriptor: stats(desc.cpu).medianMs },
  };
  perImage.push(row);
  console.log(`${file}: ssd ${row.ssdDetection.medianMs.toFixed(1)} ms, landmarks ${row.landmarks.medianMs.toFixed(1)} ms, descriptor ${row.descriptor.medianMs.toFixed(1)} ms (wall medians of ${RUNS}; load ${os.loadavg()[0].toFixed(2)})`);
  tf.dispose([imgTensor, crop, aligned]);
}

const stages = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, stats(v)]));
const stagesCpu = Object.fromEntries(Object.entries(allCpu).map(([k, v]) => [k, stats(v)]));
const result = {
  tool: 'tools/reference/bench.mjs',
  what: 'face-api per-stage latency in Node, ms per face (every sample has one face)',
  faceApiVersion: packageVersion('@vladmandic/face-api'),
  faceApiBuild: '@vladmandic/face-api/dist/face-api.node-wasm.js (cpu backend selected)',
  tfjsVersion: tf.version.tfjs,
  backend: tf.getBackend(),
  nodeVersion: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpuModel: os.cpus()[0]?.model,
  cpuCount: os.cpus().length,
  threads: 'single (tfjs cpu backend is plain single-threaded JavaScript)',
  date: new Date().toISOString(),
  warmupRuns: WARMUP,
  timedRuns: RUNS,
  images: perImage.length,
  stages,
  totalMedianMs: stages.ssdDetection.medianMs + stages.landmarks.medianMs + stages.descriptor.medianMs,
  stagesCpuTime: stagesCpu,
  loadAverage: { start: loadAvgStart, end: os.loadavg(), note: 'os.loadavg() 1/5/15 min; a value above the number of free cores means other processes competed for the CPU and wall-clock times are inflated (compare stagesCpuTime then)' },
  perImage,
  wallSeconds: (Date.now() - tStart) / 1000,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ stages, stagesCpuTime: stagesCpu, totalMedianMs: result.totalMedianMs, loadAverage: result.loadAverage }, null, 2));
console.log(`wrote ${path.relative(REPO, OUT)}`);
