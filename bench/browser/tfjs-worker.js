// TensorFlow.js peer: trains the bench presets with the wasm backend inside a worker, as a page
// that picked tfjs would (the cnn on the backends that can train it: CNN_BACKENDS). A classic worker: the UMD bundles share the global `tf`.
/* global tf */
importScripts(
  '/node_modules/@tensorflow/tfjs/dist/tf.min.js',
  '/node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
);
importScripts('/bench/idx.js', '/bench/slices.js');
/* global parseIdx, timeSlices */

const TRAIN_SAMPLES = 51000;
const PIXELS = 784;
const CLASSES = 10;

/** The presets, as in cpp/train/config.cpp. */
const PRESETS = {
  mlp: { hidden: 128, activation: 'relu', output: 'softmax', loss: 'cross-entropy', batch: 64 },
  seed: { hidden: 30, activation: 'sigmoid', output: 'sigmoid', loss: 'mse', batch: 10 },
  cnn: { convolutional: true, batch: 64 },
};
/** The backends the cnn is tried on, in order. tfjs's wasm backend has no convolution gradients
 *  (Conv2DBackpropFilter/Input are not registered for it), so the cnn also runs on webgl (software
 *  SwiftShader in headless Chromium, when WebGL is there at all) and on the plain-JS cpu backend;
 *  each failure is a row, and the fastest that trains is the peer's figure. */
const CNN_BACKENDS = ['wasm', 'webgl', 'cpu'];

async function loadTrainingSet(dataUrl) {
  const fetchBytes = async (name) => {
    const response = await fetch(dataUrl + name);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const images = parseIdx(await fetchBytes('train-images-idx3-ubyte'), 0x803);
  const labels = parseIdx(await fetchBytes('train-labels-idx1-ubyte'), 0x801);
  return {
    images: images.data.subarray(0, TRAIN_SAMPLES * PIXELS),
    labels: labels.data.subarray(0, TRAIN_SAMPLES),
    count: TRAIN_SAMPLES,
  };
}

/** Fisher-Yates with a small deterministic generator (mulberry32). */
function shuffled(count, seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Batches in a reshuffled order each epoch; pixels become floats one batch at a time. */
function makeBatcher(data, batch) {
  let epoch = 0;
  let order = shuffled(data.count, 1);
  let at = 0;
  const x = new Float32Array(batch * PIXELS);
  const y = new Int32Array(batch);
  return () => {
    if (at >= data.count) {
      order = shuffled(data.count, ++epoch + 1);
      at = 0;
    }
    const n = Math.min(batch, data.count - at);
    for (let i = 0; i < n; i++) {
      const sample = order[at + i];
      const source = data.images.subarray(sample * PIXELS, (sample + 1) * PIXELS);
      const offset = i * PIXELS;
      for (let p = 0; p < PIXELS; p++) x[offset + p] = source[p] * (1 / 255);
      y[i] = data.labels[sample];
    }
    at += n;
    return { n, x: n === batch ? x : x.subarray(0, n * PIXELS), y: n === batch ? y : y.subarray(0, n) };
  };
}

function heUniform(shape, fanIn) {
  const limit = Math.sqrt(6 / fanIn);
  return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', 1));
}

function tutorialUniform(shape, fanIn) {
  const limit = 1 / Math.sqrt(fanIn);
  return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', 2));
}

/**
 * The "minimize" path: variables, tf.fused.matMul (XNNPACK's fully-connected kernel with the
 * bias and ReLU fused in) and optimizer.minimize. One step = forward, loss, backward, update.
 */
function minimizeTrainer(spec) {
  const init = spec.activation === 'relu' ? heUniform : tutorialUniform;
  const w1 = init([PIXELS, spec.hidden], PIXELS);
  const w2 = init([spec.hidden, CLASSES], spec.hidden);
  const b1 = spec.activation === 'relu' ? tf.variable(tf.zeros([spec.hidden])) : init([spec.hidden], PIXELS);
  const b2 = spec.activation === 'relu' ? tf.variable(tf.zeros([CLASSES])) : init([CLASSES], spec.hidden);
  const optimizer =
    spec.loss === 'cross-entropy' ? tf.train.adam(0.002, 0.9, 0.999, 1e-8) : tf.train.sgd(3.0);
  const vars = [w1, b1, w2, b2];

  const lossOf = (x, labels, n) => {
    const y = tf.oneHot(labels, CLASSES);
    if (spec.loss === 'cross-entropy') {
      const h = tf.fused.matMul({ a: x, b: w1, bias: b1, activation: 'relu' });
      const logits = tf.fused.matMul({ a: h, b: w2, bias: b2 });
      return tf.losses.softmaxCrossEntropy(y, logits); // mean over the batch
    }
    // Sigmoid cannot be fused into the matMul's gradient, so it is a separate op.
    const h = tf.sigmoid(tf.fused.matMul({ a: x, b: w1, bias: b1 }));
    const a = tf.sigmoid(tf.fused.matMul({ a: h, b: w2, bias: b2 }));
    return tf.mul(tf.sum(tf.squaredDifference(y, a)), 0.5 / n); // C = 1/(2n) sum (y - a)^2
  };

  return {
    step({ n, x, y }) {
      tf.tidy(() => {
        const xs = tf.tensor2d(x, [n, PIXELS]);
        const labels = tf.tensor1d(y, 'int32');
        optimizer.minimize(() => lossOf(xs, labels, n), false, vars);
      });
    },
    loss({ n, x, y }) {
      return tf.tidy(() => lossOf(tf.tensor2d(x, [n, PIXELS]), tf.tensor1d(y, 'int32'), n).dataSync()[0]);
    },
  };
}

/** The "layers" path: tf.sequential + model.trainOnBatch, what model.fit runs per batch. */
function layersTrainer(spec) {
  const model = tf.sequential();
  const initializer = (fanIn) =>
    spec.activation === 'relu'
      ? tf.initializers.heUniform({ seed: 1 })
      : tf.initializers.randomUniform({
          minval: -1 / Math.sqrt(fanIn),
          maxval: 1 / Math.sqrt(fanIn),
          seed: 2,
        });
  model.add(
    tf.layers.dense({
      units: spec.hidden,
      activation: spec.activation,
      inputShape: [PIXELS],
      kernelInitializer: initializer(PIXELS),
    }),
  );
  model.add(
    tf.layers.dense({ units: CLASSES, activation: spec.output, kernelInitializer: initializer(spec.hidden) }),
  );
  const mse = (yTrue, yPred) => tf.mul(tf.sum(tf.squaredDifference(yTrue, yPred)), 0.5 / yPred.shape[0]);
  model.compile({
    optimizer: spec.loss === 'cross-entropy' ? tf.train.adam(0.002, 0.9, 0.999, 1e-8) : tf.train.sgd(3.0),
    loss: spec.loss === 'cross-entropy' ? 'categoricalCrossentropy' : mse,
  });
  const tensors = ({ n, x, y }) => {
    const labels = tf.tensor1d(y, 'int32');
    const ys = tf.oneHot(labels, CLASSES);
    labels.dispose();
    return [tf.tensor2d(x, [n, PIXELS]), ys];
  };
  return {
    async step(batch) {
      const [xs, ys] = tensors(batch);
      await model.trainOnBatch(xs, ys);
      tf.dispose([xs, ys]);
    },
    loss(batch) {
      const [xs, ys] = tensors(batch);
      const value = tf.tidy(() => model.evaluate(xs, ys, { batchSize: batch.n }).dataSync()[0]);
      tf.dispose([xs, ys]);
      return value;
    },
  };
}

/**
 * The cnn preset (cpp/train/config.cpp) as a layers model: conv 5x5x6 valid ReLU, max-pool 2,
 * conv 5x5x16 valid ReLU, max-pool 2, flatten, dense 120 ReLU, 84 ReLU, 10 softmax; Glorot
 * (Xavier) uniform init as the preset's; cross-entropy, Adam 1e-3; trainOnBatch per batch.
 */
function cnnTrainer() {
  const model = tf.sequential();
  const glorot = (seed) => tf.initializers.glorotUniform({ seed });
  const conv = (filters, seed, extra = {}) =>
    tf.layers.conv2d({
      filters,
      kernelSize: 5,
      padding: 'valid',
      activation: 'relu',
      kernelInitializer: glorot(seed),
      ...extra,
    });
  model.add(conv(6, 1, { inputShape: [28, 28, 1] }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(conv(16, 2));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 120, activation: 'relu', kernelInitializer: glorot(3) }));
  model.add(tf.layers.dense({ units: 84, activation: 'relu', kernelInitializer: glorot(4) }));
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: glorot(5) }));
  model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-8), loss: 'categoricalCrossentropy' });
  const tensors = ({ n, x, y }) => {
    const labels = tf.tensor1d(y, 'int32');
    const ys = tf.oneHot(labels, CLASSES);
    labels.dispose();
    return [tf.tensor4d(x, [n, 28, 28, 1]), ys];
  };
  return {
    async step(batch) {
      const [xs, ys] = tensors(batch);
      try {
        await model.trainOnBatch(xs, ys);
      } finally {
        tf.dispose([xs, ys]);
      }
    },
    loss(batch) {
      const [xs, ys] = tensors(batch);
      const value = tf.tidy(() => model.evaluate(xs, ys, { batchSize: 250 }).dataSync()[0]);
      tf.dispose([xs, ys]);
      return value;
    },
    dispose() {
      model.dispose();
    },
  };
}

/** The cnn on each backend of CNN_BACKENDS: a row saying whether it trains there, and the slices
 *  where it does (mode layers-<backend>). */
async function runCnn(data, probe, options, post) {
  for (const backend of CNN_BACKENDS) {
    let trainer = null;
    try {
      if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not initialise`);
      await tf.ready();
      trainer = cnnTrainer();
      const next = makeBatcher(data, PRESETS.cnn.batch);
      await trainer.step(next()); // a backend without conv gradients fails here
      post({ preset: 'cnn', metric: `trains_on_${backend}`, value: 'yes' });
      const lossBefore = trainer.loss(probe);
      const rates = await timeSlices(() => trainer.step(next()).then(() => PRESETS.cnn.batch), options);
      const lossAfter = trainer.loss(probe);
      post({
        preset: 'cnn',
        mode: `layers-${backend}`,
        metric: 'slices',
        value: rates,
        lossBefore,
        lossAfter,
      });
    } catch (error) {
      const message = String((error && error.message) || error).split('\n')[0];
      post({ preset: 'cnn', metric: `trains_on_${backend}`, value: `no: ${message}` });
    } finally {
      if (trainer) trainer.dispose();
      tf.disposeVariables();
    }
  }
  await tf.setBackend('wasm');
}

/** The first `count` training samples, unshuffled: the batch the loss is checked on. */
function probeBatch(data, count) {
  const x = new Float32Array(count * PIXELS);
  for (let i = 0; i < count * PIXELS; i++) x[i] = data.images[i] * (1 / 255);
  return { n: count, x, y: Int32Array.from(data.labels.subarray(0, count)) };
}

async function run(options) {
  const post = (row) => self.postMessage({ type: 'row', row });
  tf.wasm.setWasmPaths(new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', self.location.href).href);
  if (options.threads) tf.wasm.setThreadsCount(options.threads);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not initialise');
  await tf.ready();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = tf.wasm.getThreadsCount();
  const flavour = simd && threaded ? 'threaded-simd' : simd ? 'simd' : 'plain';
  post({ metric: 'tfjs_version', value: tf.version.tfjs });
  post({
    metric: 'wasm_flavour',
    value: `tfjs-backend-wasm${flavour === 'plain' ? '' : '-' + flavour}.wasm, ${threads} thread(s)`,
    simd,
    threaded,
    threads,
    crossOriginIsolated: self.crossOriginIsolated === true,
  });
  const data = await loadTrainingSet(options.dataUrl);
  // Both of tfjs's training paths run; the harness reports the faster (the peer's best).
  const modes = options.modes || ['minimize', 'layers'];
  const probe = probeBatch(data, 1000);
  for (const preset of options.presets) {
    const spec = PRESETS[preset];
    if (!spec) throw new Error(`unknown preset ${preset}`);
    if (spec.convolutional) {
      await runCnn(data, probe, options, post);
      continue;
    }
    for (const mode of modes) {
      const next = makeBatcher(data, spec.batch);
      const trainer = mode === 'layers' ? layersTrainer(spec) : minimizeTrainer(spec);
      const lossBefore = trainer.loss(probe);
      const rates = await timeSlices(() => {
        const batch = next();
        const done = trainer.step(batch);
        return done ? done.then(() => batch.n) : batch.n;
      }, options);
      // The loss on 1,000 training samples before and after: proof the timed steps trained.
      const lossAfter = trainer.loss(probe);
      post({
        preset,
        mode,
        metric: 'slices',
        value: rates,
        lossBefore,
        lossAfter,
        tensors: tf.memory().numTensors,
      });
      tf.disposeVariables();
    }
  }
}

self.onmessage = async ({ data }) => {
  try {
    await run(data);
    self.postMessage({ type: 'done' });
  } catch (error) {
    self.postMessage({ type: 'error', message: String((error && (error.stack || error.message)) || error) });
  }
};
