// The models the interop tests run elsewhere: each kind of network the core trains, trained
// briefly by the native trainer, saved, and exported (ONNX and safetensors) with the core's own
// outputs for the first test images beside them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { nativeTrainer, readMnist } from '../wasm/load-module.mjs';

/** Test images each exported model is run on. */
export const IMAGES = 200;
/** Largest difference allowed between another runtime's outputs and the core's. */
export const TOLERANCE = 1e-5;

// name -> the trainer's arguments; `sigmoid` marks a sigmoid output layer (else softmax), and
// `image` a network that takes [N, 1, 28, 28] (else [N, 784]).
export const MODELS = {
  seed: { args: ['--preset', 'seed'], sigmoid: true },
  'seed-ce': { args: ['--preset', 'seed-ce'] },
  mlp: { args: ['--preset', 'mlp'] },
  'mlp-3-layers': { args: ['--preset', 'mlp', '--hidden', '64,32', '--activation', 'tanh'] },
  cnn: { args: ['--preset', 'cnn'], image: true },
  // Same padding, and tanh and sigmoid convolutions.
  'cnn-same-tanh-sigmoid': {
    args: ['--preset', 'cnn', '--layers', 'conv3x4:same:tanh,pool,conv3x8:sigmoid,pool,fc16'],
    image: true,
  },
};

// Short runs on a slice of MNIST: trained weights, not initial ones, in seconds.
const QUICK = ['--epochs', '1', '--train-samples', '3000'];

function trainAndExport(work, name) {
  const file = (extension) => path.join(work, `${name}.${extension}`);
  execFileSync(nativeTrainer, [...MODELS[name].args, ...QUICK, '--save', file('nnmf'), '--json']);
  const output = execFileSync(
    nativeTrainer,
    [
      '--load',
      file('nnmf'),
      '--export-onnx',
      file('onnx'),
      '--export-safetensors',
      file('safetensors'),
    ].concat(['--predictions', String(IMAGES), '--json']),
    { encoding: 'utf8' },
  );
  const predictions = output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((row) => row.type === 'prediction');
  return { name, model: file('nnmf'), onnx: file('onnx'), safetensors: file('safetensors'), predictions };
}

/**
 * Registers the hooks that train and export every model into a temporary folder; the returned
 * object's `models` (name -> {model, onnx, safetensors, predictions}) and `work` (the folder) are
 * set once its `before` has run.
 */
export function useExportedModels() {
  const fixture = { models: {}, work: null };
  before(() => {
    fixture.work = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-interop-'));
    for (const name of Object.keys(MODELS)) fixture.models[name] = trainAndExport(fixture.work, name);
  });
  after(() => fixture.work && fs.rmSync(fixture.work, { recursive: true, force: true }));
  return fixture;
}

/** The first n MNIST test images as floats in [0, 1], the exported models' input. */
export function testImages(n = IMAGES) {
  const pixels = readMnist('t10k-images-idx3-ubyte').subarray(16, 16 + n * 784);
  return Float32Array.from(pixels, (p) => p / 255);
}

/** The shape another runtime feeds model `name` with. */
export function inputDims(name, n = IMAGES) {
  return MODELS[name].image ? [n, 1, 28, 28] : [n, 784];
}

/**
 * Checks another runtime's outputs (IMAGES x classes, row-major) against the core's: every value
 * within TOLERANCE and every predicted class the same.
 */
export function assertMatchesCore(name, outputs, predictions) {
  const classes = outputs.length / IMAGES;
  assert.equal(classes, 10, `${name}: ${outputs.length} outputs for ${IMAGES} images`);
  let worst = 0;
  for (let i = 0; i < IMAGES; i++) {
    let row = Array.from(outputs.slice(i * classes, (i + 1) * classes));
    // --predictions prints what the page shows: a sigmoid layer's outputs scaled to sum to 1
    // (softmax outputs already do).
    if (MODELS[name].sigmoid) row = row.map((value, _, all) => value / all.reduce((a, b) => a + b));
    const core = predictions[i].outputs;
    for (let k = 0; k < classes; k++) worst = Math.max(worst, Math.abs(row[k] - core[k]));
    assert.equal(row.indexOf(Math.max(...row)), predictions[i].digit, `${name}, image ${i}: another class`);
  }
  assert.ok(worst <= TOLERANCE, `${name}: outputs differ from the core's by up to ${worst}`);
}
