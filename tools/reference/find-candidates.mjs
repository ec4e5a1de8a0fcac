// One-off helper used to choose the bundled samples: runs face-api's SSD detector
// (minConfidence 0.5) on the ORIGINAL shared-data images and prints which ones have a detection.
// Usage: node find-candidates.mjs lfw [Name ...] | node find-candidates.mjs rmfd [maxFiles] | node find-candidates.mjs yale
import fs from 'node:fs';
import path from 'node:path';
import { faceapi, tf, loadNets, decodeImageFile, toTensor, SHARED_DATA } from './lib.mjs';

const DEFAULT_LFW = ['George_W_Bush', 'Colin_Powell', 'Tony_Blair', 'Donald_Rumsfeld', 'Gerhard_Schroeder',
  'Ariel_Sharon', 'Hugo_Chavez', 'Jean_Chretien', 'Serena_Williams', 'Laura_Bush'];

await loadNets();
const opts = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });

async function detect(file) {
  const img = decodeImageFile(file);
  const t = toTensor(img);
  const dets = await faceapi.nets.ssdMobilenetv1.locateFaces(t, opts);
  t.dispose();
  return { img, dets };
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'lfw') {
  const names = rest.length ? rest : DEFAULT_LFW;
  for (const name of names) {
    const dir = path.join(SHARED_DATA, 'lfw150', name);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort();
    const ok = [];
    for (const f of files) {
      const { dets } = await detect(path.join(dir, f));
      if (dets.length >= 1) ok.push(`${f.replace(/^.*_(\d+)\.jpg$/, '$1')}:${dets.length}:${dets[0].score.toFixed(3)}`);
    }
    console.log(`${name}: ${ok.length}/${files.length} detected  ${ok.join(' ')}`);
  }
} else if (mode === 'rmfd') {
  const root = path.join(SHARED_DATA, 'rwmfd-real-masked');
  const max = Number(rest[0] || 60);
  let n = 0;
  for (const d of fs.readdirSync(root).sort()) {
    for (const f of fs.readdirSync(path.join(root, d)).sort()) {
      if (n++ >= max) break;
      const file = path.join(root, d, f);
      const { img, dets } = await detect(file);
      const kb = (fs.statSync(file).size / 1024).toFixed(0);
      console.log(`${d}/${f} ${img.width}x${img.height} ${kb}KB dets=${dets.length} ${dets.map((x) => x.score.toFixed(3)).join(',')}`);
    }
  }
} else if (mode === 'yale') {
  const root = path.join(SHARED_DATA, 'yalefaces');
  for (const f of fs.readdirSync(root).sort().filter((x) => x.startsWith(rest[0] || 'subject01'))) {
    const { img, dets } = await detect(path.join(root, f));
    console.log(`${f} ${img.width}x${img.height} dets=${dets.length} ${dets.map((x) => x.score.toFixed(3)).join(',')}`);
  }
}
console.log('tensors still allocated:', tf.memory().numTensors);
