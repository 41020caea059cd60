// The wasm build of the core, exercised in node through its Embind API.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { loadModule, mnistSession, nativeTrainer, readMnist, toBuffer, wasmDir } from './load-module.mjs';

let nn;
let session;

before(async () => {
  nn = await loadModule();
  session = mnistSession(nn);
});

after(() => session?.delete());

describe('data', () => {
  test('splits the real MNIST files 51,000 / 9,000 / 10,000', () => {
    assert.equal(session.trainCount(), 51000);
    assert.equal(session.validationCount(), 9000);
    assert.equal(session.testCount(), 10000);
  });

  test('refuses a truncated image file with a message, keeping the loaded data', () => {
    const other = new nn.Session();
    const images = readMnist('t10k-images-idx3-ubyte').subarray(0, 5000);
    const labels = readMnist('t10k-labels-idx1-ubyte');
    assert.throws(
      () =>
        other.setData(toBuffer(nn, images), toBuffer(nn, labels), toBuffer(nn, images), toBuffer(nn, labels)),
      (error) => error instanceof Error && /truncated/.test(error.message),
    );
    other.delete();
    assert.equal(session.testCount(), 10000);
  });

  test('refuses images that are not 28 x 28, keeping the loaded data', () => {
    const other = new nn.Session();
    // Two 2 x 2 images and their labels, in the IDX format.
    const images = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8]);
    const labels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 3, 7]);
    assert.throws(
      () =>
        other.setData(toBuffer(nn, images), toBuffer(nn, labels), toBuffer(nn, images), toBuffer(nn, labels)),
      /the training images are 2 x 2 pixels; this page needs 28 x 28 images/,
    );
    other.delete();
    assert.equal(session.testCount(), 10000);
  });

  test('refuses labels passed as images', () => {
    const other = new nn.Session();
    const labels = readMnist('t10k-labels-idx1-ubyte');
    assert.throws(
      () =>
        other.setData(toBuffer(nn, labels), toBuffer(nn, labels), toBuffer(nn, labels), toBuffer(nn, labels)),
      /expected magic 0x00000803/,
    );
    other.delete();
  });
});

describe('configuration', () => {
  test('presets come from the core', () => {
    assert.deepEqual(Array.from(nn.presetNames()), ['seed', 'seed-ce', 'mlp']);
    const mlp = nn.presetConfig('mlp');
    assert.deepEqual(Array.from(mlp.hidden), [128]);
    assert.equal(mlp.activation, 'relu');
    assert.equal(mlp.batchSize, 64);
    assert.equal(nn.presetConfig('seed').learningRate, 3);
  });

  test('a bad setting is refused with the setting named', () => {
    const checked = nn.checkConfig({ ...nn.presetConfig('mlp'), learningRate: -1 }, 51000);
    assert.equal(checked.ok, false);
    assert.equal(checked.setting, 'learning_rate');
    assert.match(checked.message, /learning rate must be greater than 0/);
    assert.throws(
      () => session.start({ ...nn.presetConfig('mlp'), batchSize: 2.5 }),
      (error) => error.setting === 'batch_size' && /whole number/.test(error.message),
    );
    assert.throws(
      () => session.start({ ...nn.presetConfig('mlp'), activation: 'swish' }),
      (error) => error.setting === 'activation' && /unknown activation 'swish'/.test(error.message),
    );
    assert.equal(nn.checkConfig(nn.presetConfig('seed'), 51000).ok, true);
  });

  test('augmentation crosses as a name and a bad one is refused as the augment setting', () => {
    assert.equal(nn.presetConfig('seed').augment, 'none');
    assert.equal(nn.checkConfig({ ...nn.presetConfig('mlp'), augment: 'thickness,affine' }, 51000).ok, true);
    const checked = nn.checkConfig({ ...nn.presetConfig('mlp'), augment: 'affine,wobble' }, 51000);
    assert.equal(checked.ok, false);
    assert.equal(checked.setting, 'augment');
    assert.match(checked.message, /unknown augmentation 'wobble'/);
    assert.equal(nn.checkConfig({ ...nn.presetConfig('mlp'), augment: 3 }, 51000).setting, 'augment');
    assert.match(nn.describeConfig({ ...nn.presetConfig('seed'), augment: 'elastic' }), /augment elastic/);
  });
});

describe('training', () => {
  test('a few batches of mlp lower the loss', () => {
    session.start({ ...nn.presetConfig('mlp'), epochs: 1 });
    const losses = [];
    for (let i = 0; i < 60; i++) {
      const step = session.step(64);
      assert.equal(step.phase, 'training');
      assert.equal(step.batchesTrained, 1);
      assert.equal(step.samplesTrained, 64);
      losses.push(...session.stepLosses());
    }
    const first = losses.slice(0, 10).reduce((a, b) => a + b) / 10;
    const last = losses.slice(-10).reduce((a, b) => a + b) / 10;
    assert.ok(first > 1.5, `an untrained softmax net starts near ln 10 = 2.3, got ${first}`);
    assert.ok(last < 0.8 * first, `loss went from ${first} to ${last}`);
  });

  test('the same seed gives the same losses', () => {
    const run = () => {
      session.start({ ...nn.presetConfig('seed'), epochs: 1 });
      session.step(400);
      return Array.from(session.stepLosses());
    };
    const a = run();
    const b = run();
    assert.equal(a.length, 40);
    assert.deepEqual(a, b);
  });

  test('the last batch is shown as the network saw it: distorted when augmenting', () => {
    const batch = (augment) => {
      session.start({ ...nn.presetConfig('mlp'), augment, epochs: 1 });
      assert.equal(session.batchSamples(8).count, 0, 'no batch before the first step');
      session.step(64);
      const samples = session.batchSamples(8);
      return { count: samples.count, images: samples.images.slice(), labels: samples.labels.slice() };
    };
    const plain = batch('none');
    const distorted = batch('all');
    assert.equal(plain.count, 8);
    assert.equal(plain.images.length, 8 * 784);
    assert.deepEqual(distorted.labels, plain.labels, 'the same seed shuffles the same samples');
    assert.notDeepEqual(distorted.images, plain.images);
    assert.ok(distorted.images.some((p) => p > 0));
    assert.equal(session.batchSamples(1000).count, 64, 'at most the batch');
  });

  test('a seed distorts the first batch exactly as the native build does', () => {
    for (const augment of ['affine', 'all']) {
      const native = execFileSync(
        nativeTrainer,
        ['--preset', 'mlp', '--augment', augment, '--seed', '7', '--batch-samples', '16', '--json'],
        { encoding: 'utf8' },
      )
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .filter((line) => line.type === 'batch_sample');
      assert.equal(native.length, 16);
      session.start({ ...nn.presetConfig('mlp'), augment, seed: 7 });
      session.step(64);
      const samples = session.batchSamples(16);
      assert.equal(samples.count, 16);
      for (const { index, label, pixels } of native) {
        assert.equal(samples.labels[index], label);
        const wasm = samples.images.subarray(index * 784, (index + 1) * 784);
        const differing = pixels.filter((p, k) => p !== wasm[k]).length;
        assert.equal(differing, 0, `${augment}: sample ${index} differs in ${differing} pixels`);
      }
    }
  });

  test('a learning rate that diverges is caught and rolled back', () => {
    // Weight decay 0.5 at learning rate 10 multiplies every weight by -4 per step: it must blow up.
    session.start({
      ...nn.presetConfig('mlp'),
      optimizer: 'sgd',
      learningRate: 10,
      weightDecay: 0.5,
      epochs: 1,
    });
    let step;
    for (let i = 0; i < 100 && session.phase() === 'training'; i++) step = session.step(640);
    assert.equal(step.phase, 'diverged');
    assert.match(session.divergence(), /diverged at epoch 1, batch \d+.*smaller learning rate/);
    const weights = session.weights(0);
    assert.ok(weights.every(Number.isFinite), 'the rolled-back weights are finite');
  });
});

describe('models', () => {
  test('predictions equal the native build on the same model file (within 1e-5)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-wasm-'));
    const modelPath = path.join(dir, 'model.nnmf');
    execFileSync(nativeTrainer, [
      '--preset',
      'mlp',
      '--epochs',
      '1',
      '--train-samples',
      '3000',
      '--save',
      modelPath,
      '--json',
    ]);
    const native = execFileSync(nativeTrainer, ['--load', modelPath, '--predictions', '200', '--json'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'prediction');
    assert.equal(native.length, 200);

    const model = toBuffer(nn, fs.readFileSync(modelPath));
    const metadata = JSON.parse(session.loadModel(model));
    model.delete();
    assert.equal(metadata.preset, 'mlp');

    const images = toBuffer(nn, readMnist('t10k-images-idx3-ubyte'));
    let largest = 0;
    for (const expected of native) {
      const result = session.classifyImage(images, 16 + 784 * expected.index);
      assert.equal(result.digit, expected.digit, `image ${expected.index}`);
      const outputs = session.probabilities();
      for (let k = 0; k < 10; k++) largest = Math.max(largest, Math.abs(outputs[k] - expected.outputs[k]));
    }
    images.delete();
    assert.ok(largest <= 1e-5, `largest difference ${largest}`);
    fs.rmSync(dir, { recursive: true });
  });

  test('save then load gives the same predictions', () => {
    session.start({ ...nn.presetConfig('seed'), epochs: 1 });
    session.step(2000);
    const images = toBuffer(nn, readMnist('t10k-images-idx3-ubyte'));
    const before = [];
    for (let i = 0; i < 20; i++) {
      session.classifyImage(images, 16 + 784 * i);
      before.push(Array.from(session.probabilities()));
    }
    const file = session.saveModel('{"note":"round trip"}').slice();
    const buffer = toBuffer(nn, file);
    assert.equal(session.loadModel(buffer), '{"note":"round trip"}');
    buffer.delete();
    for (let i = 0; i < 20; i++) {
      session.classifyImage(images, 16 + 784 * i);
      assert.deepEqual(Array.from(session.probabilities()), before[i]);
    }
    images.delete();
  });

  test('a corrupt model file is refused and the current model kept', () => {
    const description = session.architecture().description;
    const file = session.saveModel('').slice();
    file[file.length - 10] ^= 0xff;
    const buffer = toBuffer(nn, file);
    assert.throws(() => session.loadModel(buffer), /checksum does not match/);
    assert.throws(() => session.loadModel(toBuffer(nn, file.subarray(0, 100))), /truncated/);
    buffer.delete();
    assert.equal(session.architecture().description, description);
  });
});

describe('drawings', () => {
  test('an empty canvas is reported as empty', () => {
    const ink = new nn.ByteBuffer(280 * 280);
    assert.deepEqual({ ...session.classify(ink, 280, 280, 1) }, { empty: true, digit: -1 });
    ink.delete();
  });

  test('a drawn vertical stroke is preprocessed into a centred 28 x 28 digit', () => {
    const ink = new nn.ByteBuffer(280 * 280);
    const view = ink.view();
    for (let y = 40; y < 240; y++) for (let x = 130; x < 150; x++) view[y * 280 + x] = 255;
    const result = session.classify(ink, 280, 280, 1);
    assert.equal(result.empty, false);
    const image = session.digitImage();
    let rows = 0;
    for (let y = 0; y < 28; y++) if (image.subarray(y * 28, y * 28 + 28).some((p) => p > 0)) rows++;
    assert.equal(rows, 20, 'the longer side is scaled to 20 px');
    const probabilities = session.probabilities();
    assert.ok(Math.abs(probabilities.reduce((a, b) => a + b) - 1) < 1e-5);
    ink.delete();
  });

  test('a drawing buffer smaller than its stated size is refused', () => {
    const ink = new nn.ByteBuffer(100);
    assert.throws(() => session.classify(ink, 280, 280, 1), /smaller than width x height/);
    ink.delete();
  });
});

describe('build', () => {
  test('the module computes with 128-bit SIMD (-msimd128 reached the kernels)', () => {
    // wasm-dis comes with binaryen, which Emscripten uses to build the module.
    const text = execFileSync('wasm-dis', [path.join(wasmDir, 'nn.wasm')], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const count = (op) => text.split(op).length - 1;
    assert.ok(count('f32x4.mul') >= 20, `f32x4.mul appears ${count('f32x4.mul')} times`);
    assert.ok(count('f32x4.add') >= 20, `f32x4.add appears ${count('f32x4.add')} times`);
    assert.ok(count('v128.load') >= 50, `v128.load appears ${count('v128.load')} times`);
  });
});
