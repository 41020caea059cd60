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
    assert.deepEqual(Array.from(nn.presetNames()), ['seed', 'seed-ce', 'mlp', 'cnn']);
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

describe('convolutional configuration', () => {
  test('the cnn preset carries its layer list and can be sent back unchanged', () => {
    const cnn = nn.presetConfig('cnn');
    assert.equal(cnn.layers, 'conv5x6,pool,conv5x16,pool,fc120,fc84');
    assert.deepEqual(Array.from(cnn.hidden), []);
    assert.equal(cnn.learningRate, 0.001);
    assert.equal(cnn.batchSize, 64);
    assert.deepEqual({ ...nn.checkConfig(cnn, 51000) }, { ok: true });
    assert.match(nn.describeConfig(cnn), /cnn: layers conv5x6,pool,conv5x16,pool,fc120,fc84 relu/);
    assert.equal(nn.presetConfig('mlp').layers, '', 'an MLP preset has no layer list');
  });

  test('a layer list that does not fit, or does not parse, is refused naming layers', () => {
    const cnn = nn.presetConfig('cnn');
    for (const [layers, message] of [
      ['conv5x6,pool,conv5x16,pool,conv5x32', /does not fit its 4x4 input/],
      ['conv5x100000', /filters must be 1 to 256/],
      ['fc120,conv5x6', /before any flatten or dense/],
      ['conv5x6;pool', /expected conv/],
    ]) {
      const checked = nn.checkConfig({ ...cnn, layers }, 51000);
      assert.equal(checked.ok, false, layers);
      assert.equal(checked.setting, 'layers', layers);
      assert.match(checked.message, message);
    }
    assert.throws(
      () => session.start({ ...cnn, layers: 42 }),
      (error) => error.setting === 'layers' && /must be a string/.test(error.message),
    );
    // Hidden sizes are dense layers after the list's: both together are a valid network.
    assert.equal(nn.checkConfig({ ...cnn, hidden: [64] }, 51000).ok, true);
    assert.match(nn.describeConfig({ ...cnn, hidden: [64] }), /fc84,fc64 relu/);
  });
});

// Golden values, also in tests/train/session_test.cpp: the initial weights of each preset for
// seed 1 (the model file's CRC-32 covers all of them, bit for bit) and the first batch's loss,
// equal within 1e-5 relative (the native build fuses multiply-adds and sums in 8 lanes).
describe('reproducibility', () => {
  const GOLDEN = [
    { preset: 'seed', crc: 0x90b4514a, bytes: 95476, firstLoss: 1.20777094 },
    { preset: 'mlp', crc: 0xd8275ade, bytes: 407116, firstLoss: 2.28932834 },
    { preset: 'cnn', crc: 0xbda5c5f8, bytes: 177868, firstLoss: 2.30065298 },
  ];
  for (const golden of GOLDEN) {
    test(`${golden.preset}: seed 1 gives the native build's initial weights and first loss`, () => {
      const config = nn.presetConfig(golden.preset);
      session.start(config);
      const file = session.saveModel('').slice();
      assert.equal(file.length, golden.bytes);
      const crc = new DataView(file.buffer).getUint32(file.length - 4, true);
      assert.equal(crc, golden.crc, `CRC-32 0x${crc.toString(16)}`);
      session.step(config.batchSize);
      const [loss] = session.stepLosses();
      assert.ok(
        Math.abs(loss - golden.firstLoss) <= 1e-5 * golden.firstLoss,
        `first loss ${loss}, native ${golden.firstLoss}`,
      );
    });
  }
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
  // Trains a model of `preset` natively, then compares the native build's outputs for the first
  // `count` test images with the wasm build's on the same file.
  function checkPredictionsMatchNative(preset, count) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nn-wasm-${preset}-`));
    const modelPath = path.join(dir, 'model.nnmf');
    execFileSync(nativeTrainer, [
      '--preset',
      preset,
      '--epochs',
      '1',
      '--train-samples',
      '3000',
      '--save',
      modelPath,
      '--json',
    ]);
    const native = execFileSync(
      nativeTrainer,
      ['--load', modelPath, '--predictions', String(count), '--json'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'prediction');
    assert.equal(native.length, count);

    const model = toBuffer(nn, fs.readFileSync(modelPath));
    const metadata = JSON.parse(session.loadModel(model));
    model.delete();
    assert.equal(metadata.preset, preset);

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
  }

  test('predictions equal the native build on the same model file (within 1e-5)', () =>
    checkPredictionsMatchNative('mlp', 200));

  test('a CNN model file predicts as the native build does (within 1e-5)', () =>
    checkPredictionsMatchNative('cnn', 100));

  test("a CNN's architecture, first filters and feature maps are readable", () => {
    session.start({ ...nn.presetConfig('cnn'), epochs: 1 });
    const architecture = session.architecture();
    assert.deepEqual({ ...architecture.input }, { channels: 1, height: 28, width: 28 });
    assert.deepEqual(
      architecture.layers.map((layer) => layer.kind),
      ['conv2d', 'maxpool', 'conv2d', 'maxpool', 'flatten', 'dense', 'dense', 'dense'],
    );
    assert.deepEqual({ ...architecture.layers[0].output }, { channels: 6, height: 24, width: 24 });
    assert.deepEqual({ ...architecture.layers[3].output }, { channels: 16, height: 4, width: 4 });
    assert.equal(architecture.layers[0].kernel, 5);
    assert.equal(architecture.layers[0].padding, 'valid');
    assert.equal(architecture.layers[1].activation, null);
    assert.equal(architecture.layers[7].activation, 'softmax');
    assert.equal(architecture.parameterCount, 44426);
    assert.deepEqual(Array.from(architecture.sizes), [784, 3456, 864, 1024, 256, 256, 120, 84, 10]);

    const filters = session.filters();
    assert.equal(filters.layer, 0);
    assert.deepEqual(Array.from(filters.shape), [6, 1, 5, 5]);
    assert.equal(filters.values.length, 150);
    assert.ok(
      filters.values.some((v) => v !== 0),
      'initialised filters',
    );
    assert.deepEqual(Array.from(session.weights(0)), Array.from(filters.values));
    assert.equal(session.weights(1).length, 0, 'a pooling layer has no weights');

    const images = toBuffer(nn, readMnist('t10k-images-idx3-ubyte'));
    session.classifyImage(images, 16);
    images.delete();
    architecture.layers.forEach((layer, i) => {
      const output = session.layerOutput(i);
      const { channels, height, width } = layer.output;
      assert.equal(output.length, channels * height * width, `layer ${i} (${layer.kind})`);
    });
    const maps = session.layerOutput(0);
    assert.ok(
      maps.every((v) => v >= 0),
      'ReLU feature maps are non-negative',
    );
    assert.ok(
      maps.some((v) => v > 0),
      'and not all zero',
    );
  });

  test("an MLP's architecture lists its dense layers and has no filters", () => {
    session.start({ ...nn.presetConfig('mlp'), epochs: 1 });
    const architecture = session.architecture();
    assert.deepEqual(Array.from(architecture.sizes), [784, 128, 10]);
    assert.deepEqual({ ...architecture.input }, { channels: 784, height: 1, width: 1 });
    assert.deepEqual(
      architecture.layers.map((layer) => [layer.kind, layer.units, layer.activation]),
      [
        ['dense', 128, 'relu'],
        ['dense', 10, 'softmax'],
      ],
    );
    assert.equal(architecture.description, '784-128-10 relu/softmax cross-entropy');
    assert.equal(session.filters(), null);
    assert.equal(session.weights(0).length, 784 * 128);
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
