// Fine-tuning in the wasm module (what the page's "Teach it" calls) and in the native trainer
// (mnist-train --load --fine-tune DIR) on the same model and the same exported digits: the same
// core, so the same held-out split, the same mix and the same figures (to float rounding).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { encodeImages, encodeLabels } from '../../web/src/features/teach/shared/idx-pair.js';
import { loadModule, mnistSession, nativeTrainer, readMnist, toBuffer } from './load-module.mjs';

let nn;
let session;
let dir;
let digits; // {images: Uint8Array, labels: Uint8Array}: the IDX pair the page would export

/** 12 of each digit from MNIST's last training images, each moved 3 pixels right and down. */
function shiftedDigits() {
  const images = readMnist('train-images-idx3-ubyte');
  const labels = readMnist('train-labels-idx1-ubyte');
  const picked = { images: [], labels: [] };
  const taken = new Array(10).fill(0);
  for (let i = 59999; i >= 0 && picked.labels.length < 120; i -= 1) {
    const label = labels[8 + i];
    if (taken[label] === 12) continue;
    taken[label] += 1;
    const out = new Uint8Array(784);
    for (let y = 3; y < 28; y += 1) {
      for (let x = 3; x < 28; x += 1) out[y * 28 + x] = images[16 + i * 784 + (y - 3) * 28 + (x - 3)];
    }
    picked.images.push(out);
    picked.labels.push(label);
  }
  return { images: encodeImages(picked.images), labels: encodeLabels(picked.labels) };
}

before(async () => {
  nn = await loadModule();
  session = mnistSession(nn);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-fine-tune-'));
  digits = shiftedDigits();
  fs.writeFileSync(path.join(dir, 'your-digits-images-idx3-ubyte'), digits.images);
  fs.writeFileSync(path.join(dir, 'your-digits-labels-idx1-ubyte'), digits.labels);
  // A small base model, trained natively and saved.
  execFileSync(nativeTrainer, [
    '--preset',
    'mlp',
    '--hidden',
    '32',
    '--augment',
    'none',
    '--epochs',
    '1',
    '--train-samples',
    '5000',
    '--save',
    path.join(dir, 'base.nnmf'),
  ]);
});
after(() => {
  session?.delete();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function useBase() {
  const buffer = toBuffer(nn, fs.readFileSync(path.join(dir, 'base.nnmf')));
  try {
    session.loadModel(buffer);
  } finally {
    buffer.delete();
  }
}

function fineTune(config, mix = 1) {
  const images = toBuffer(nn, digits.images);
  const labels = toBuffer(nn, digits.labels);
  try {
    return session.fineTune(config, images, labels, mix);
  } finally {
    images.delete();
    labels.delete();
  }
}

test('the module and the native trainer fine-tune the same model on the same digits alike', () => {
  const config = { ...nn.fineTuneConfig(), epochs: 3 };
  useBase();
  const before = fineTune(config);
  assert.equal(before.trainDigits, 100); // 12 of each: the 5th and 10th are held out
  assert.equal(before.heldOutDigits, 20);
  assert.equal(session.runTrainCount(), 200, 'as many MNIST digits as of yours');
  while (!['done', 'diverged'].includes(session.step(4096).phase));
  assert.equal(session.phase(), 'done');
  const wasm = {
    held_out_before: before.heldOutBefore,
    held_out_after: session.lastEpoch().valAccuracy,
    mnist_before: before.mnistBefore,
    mnist_after: session.testResult().accuracy,
  };
  const lines = execFileSync(nativeTrainer, [
    '--load',
    path.join(dir, 'base.nnmf'),
    '--fine-tune',
    dir,
    '--epochs',
    '3',
    '--json',
  ])
    .toString()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const native = lines.find((line) => line.type === 'fine_tune');
  assert.ok(native, 'the trainer reports before and after');
  assert.equal(native.your_digits, 100);
  assert.equal(native.held_out, 20);
  for (const key of Object.keys(wasm)) {
    assert.ok(Math.abs(native[key] - wasm[key]) <= 0.051, `${key}: native ${native[key]}, wasm ${wasm[key]}`);
  }
  assert.ok(wasm.held_out_after > wasm.held_out_before, `it learned the style: ${JSON.stringify(wasm)}`);
});

test('too few digits, a bad mix and frozen convolutions of an MLP are refused, the model kept', () => {
  useBase();
  const few = { images: encodeImages([new Uint8Array(784)]), labels: encodeLabels([3]) };
  const images = toBuffer(nn, few.images);
  const labels = toBuffer(nn, few.labels);
  assert.throws(() => session.fineTune(nn.fineTuneConfig(), images, labels, 1), /draw 5 more 0s/);
  images.delete();
  labels.delete();
  assert.throws(
    () => fineTune(nn.fineTuneConfig(), -1),
    (error) => error.setting === 'mix',
  );
  assert.throws(
    () => fineTune({ ...nn.fineTuneConfig(), freezeConvolutions: true }),
    (error) => error.setting === 'freeze_convolutions',
  );
  assert.equal(session.phase(), 'idle');
  assert.ok(session.hasNetwork(), 'the model is still there');
});

test('a CNN fine-tuned with frozen convolutions keeps its filters; without, they change', () => {
  // A CNN trained briefly on 500 images; then two fine-tunings from the same weights.
  session.limitTraining(500);
  session.start({ ...nn.presetConfig('cnn'), epochs: 1 });
  while (!['done', 'diverged'].includes(session.step(4096).phase));
  const base = session.saveModel('').slice();
  const filtersBefore = session.filters().values.slice();
  for (const freeze of [true, false]) {
    const buffer = toBuffer(nn, base);
    session.loadModel(buffer);
    buffer.delete();
    fineTune({ ...nn.fineTuneConfig(), epochs: 1, freezeConvolutions: freeze });
    while (!['done', 'diverged'].includes(session.step(4096).phase));
    assert.equal(session.phase(), 'done');
    const after = session.filters().values;
    const same = after.every((v, i) => v === filtersBefore[i]);
    assert.equal(same, freeze, freeze ? 'frozen filters stay as they were' : 'free filters learn');
  }
});
