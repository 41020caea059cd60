// The training worker: owns the wasm module and the core's Session, and answers the page's
// messages (see ../shared/protocol.js). Training runs in short slices so that pause, reset and
// predictions are handled within one slice, and the page's thread never waits on it.
import { FromWorker, State, ToWorker } from '../shared/protocol.js';
import { fetchAll, fileName, gunzipIntoBuffer } from './data-loader.js';
import { metadataFor, modelInfo, parseMetadata } from './model-info.js';
import { loadModule } from './wasm-module.js';

const MNIST_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
const SLICE_MS = 40;        // one slice of training between message checks
const STEP_TARGET_MS = 8;   // each session.step call aims at this much work
const MAX_MODEL_BYTES = 64 * 1024 * 1024;

let nn = null;              // the wasm module
let session = null;         // nn.Session
let state = State.LOADING;
let dataReady = false;
let pretrainedBytes = null; // to restore the pretrained model on reset
let model = null;           // ModelInfo of the active model
let inkBuffer = null;       // reused for drawings
let run = null;             // the run in progress: config, timing, budget

const post = (message, transfer = []) => self.postMessage(message, transfer);

function setState(next, message) {
  state = next;
  post({ type: FromWorker.STATE, state, ...(message ? { message } : {}) });
}

function announceModel(info) {
  model = info;
  post({ type: FromWorker.MODEL, model });
}

function fail(error, { fatal = false, requestId } = {}) {
  const message = error instanceof Error ? error.message : String(error);
  post({ type: FromWorker.ERROR, message, fatal, ...(requestId !== undefined ? { requestId } : {}) });
  if (fatal) setState(State.ERROR, message);
}

// ---- loading ---------------------------------------------------------------------------------

async function init({ dataUrl, modelUrl }) {
  try {
    nn = await loadModule();
    session = new nn.Session();
    session.setTestEveryEpoch(true);
  } catch (error) {
    fail(error, { fatal: true });
    return;
  }
  const presets = {};
  for (const name of nn.presetNames()) presets[name] = nn.presetConfig(name);
  post({ type: FromWorker.PRESETS, presets });

  if (modelUrl) await loadPretrained(modelUrl);
  else announceModel(modelInfo(session, 'none'));

  try {
    const urls = MNIST_FILES.map((name) => new URL(name, dataUrl).href);
    let lastReport = 0;
    const files = await fetchAll(urls, (loaded, total) => {
      const now = performance.now();
      if (now - lastReport < 50 && loaded < total) return;  // a few updates per second are plenty
      lastReport = now;
      post({ type: FromWorker.DATA_PROGRESS, loaded, total });
    });
    const buffers = [];
    try {
      for (let i = 0; i < files.length; i++) {
        buffers.push(await gunzipIntoBuffer(nn, files[i], fileName(urls[i])));
        files[i] = null;  // let the compressed copy go
      }
      session.setData(buffers[0], buffers[1], buffers[2], buffers[3]);
    } finally {
      for (const buffer of buffers) buffer.delete();
    }
  } catch (error) {
    // The worker lives on: drawings are still read with the pretrained model. The page's Retry
    // starts a new worker.
    fail(error);
    setState(State.ERROR, error.message);
    return;
  }
  dataReady = true;
  post({
    type: FromWorker.DATA_READY,
    train: session.trainCount(),
    validation: session.validationCount(),
    test: session.testCount(),
  });
  setState(State.READY);
}

async function loadPretrained(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    pretrainedBytes = new Uint8Array(await response.arrayBuffer());
    usePretrained();
  } catch (error) {
    pretrainedBytes = null;
    console.warn(`no pretrained model (${error.message})`);
    announceModel(modelInfo(session, 'none'));
  }
}

function usePretrained() {
  if (!pretrainedBytes) {
    announceModel(modelInfo(session, 'none'));
    return;
  }
  const metadata = parseMetadata(loadModelBytes(pretrainedBytes));
  announceModel(modelInfo(session, 'pretrained', {
    preset: metadata.preset, epochs: metadata.epochs, testAccuracy: metadata.test_accuracy,
  }));
}

/** Hands a model file to the core; returns its metadata text. Throws the core's message. */
function loadModelBytes(bytes) {
  const buffer = new nn.ByteBuffer(bytes.length);
  try {
    buffer.view().set(bytes);
    return session.loadModel(buffer);
  } finally {
    buffer.delete();
  }
}

// ---- training --------------------------------------------------------------------------------

function start({ config, requestId }) {
  if (!dataReady) {
    fail('the data is still loading: start again when it is ready', { requestId });
    return;
  }
  try {
    session.start(config);
  } catch (error) {
    post({ type: FromWorker.ERROR, message: error.message, setting: error.setting, fatal: false, requestId });
    return;
  }
  run = {
    config: { ...config },
    startedAt: performance.now(),
    activeMs: 0,          // wall time spent running slices (paused time excluded)
    trainedSamples: 0,
    budget: 256,          // samples per session.step, adapted to STEP_TARGET_MS
    throughput: 0,        // smoothed samples per second
  };
  announceModel(modelInfo(session, 'trained', { preset: config.preset, epochs: 0 }));
  setState(State.TRAINING);
  scheduleSlice();
}

// A zero-delay yield to the event loop (setTimeout is clamped to 4 ms when nested).
const channel = new MessageChannel();
channel.port1.onmessage = () => runSlice();
function scheduleSlice() {
  channel.port2.postMessage(null);
}

function runSlice() {
  if (state !== State.TRAINING || !run) return;
  const sliceStart = performance.now();
  const losses = [];
  let lossCount = 0;
  let sliceSamples = 0;
  let sliceTrainMs = 0;
  let last = null;
  try {
    while (state === State.TRAINING && performance.now() - sliceStart < SLICE_MS) {
      const stepStart = performance.now();
      const step = session.step(run.budget);
      const stepMs = performance.now() - stepStart;
      last = step;
      if (step.batchesTrained > 0) {
        const stepLosses = session.stepLosses().slice();
        losses.push(stepLosses);
        lossCount += stepLosses.length;
        sliceSamples += step.samplesTrained;
        sliceTrainMs += stepMs;
        // Aim each step at STEP_TARGET_MS of work, whatever the network's size.
        const rate = step.samplesTrained / Math.max(stepMs, 0.05);
        run.budget = Math.max(run.config.batchSize, Math.min(1 << 16, Math.round(rate * STEP_TARGET_MS)));
      }
      if (step.epochFinished) finishEpoch();
      if (step.phase === 'diverged') {
        diverged();
        break;
      }
      if (step.finished) {
        finishRun();
        break;
      }
    }
  } catch (error) {
    run.activeMs += performance.now() - sliceStart;
    fail(`training stopped: ${error.message}`, { fatal: true });
    return;
  }
  run.activeMs += performance.now() - sliceStart;
  run.trainedSamples += sliceSamples;
  if (sliceTrainMs > 0) {
    const rate = (1000 * sliceSamples) / sliceTrainMs;
    run.throughput = run.throughput === 0 ? rate : 0.8 * run.throughput + 0.2 * rate;
  }
  if (last) postProgress(last, losses, lossCount, sliceSamples, sliceTrainMs);
  if (state === State.TRAINING) scheduleSlice();
}

function postProgress(step, losses, lossCount, sliceSamples, sliceTrainMs) {
  const all = new Float32Array(lossCount);
  let offset = 0;
  for (const part of losses) {
    all.set(part, offset);
    offset += part.length;
  }
  const { epochs } = run.config;
  const samplesPerEpoch = session.trainCount();
  const totalSamples = samplesPerEpoch * epochs;
  const done = Math.min(run.trainedSamples, totalSamples);
  const remainingSeconds = run.throughput > 0 ? (totalSamples - done) / run.throughput : null;
  post({
    type: FromWorker.PROGRESS,
    phase: step.phase,
    epoch: step.epoch,
    batch: step.batch,
    batchesPerEpoch: step.batchesPerEpoch,
    epochs,
    losses: all,
    samplesPerSecond: sliceTrainMs > 0 ? (1000 * sliceSamples) / sliceTrainMs : run.throughput,
    elapsedSeconds: run.activeMs / 1000,
    remainingSeconds,
  }, [all.buffer]);
}

function finishEpoch() {
  const epoch = session.lastEpoch();
  post({
    type: FromWorker.EPOCH,
    epoch: epoch.epoch,
    trainLoss: epoch.trainLoss,
    valLoss: epoch.valLoss,
    valAccuracy: epoch.valAccuracy,
    testAccuracy: epoch.testAccuracy,
    testLoss: epoch.testLoss,
    seconds: run.activeMs / 1000,
  });
  announceModel(modelInfo(session, 'trained', {
    preset: run.config.preset, epochs: epoch.epoch, testAccuracy: epoch.testAccuracy,
  }));
}

function finishRun() {
  const result = session.testResult();
  const confusion = session.confusion().slice();
  post({
    type: FromWorker.DONE,
    testAccuracy: result.accuracy,
    testLoss: result.loss,
    classes: result.classes,
    confusion,
    seconds: run.activeMs / 1000,
  }, [confusion.buffer]);
  announceModel(modelInfo(session, 'trained', {
    preset: run.config.preset, epochs: run.config.epochs, testAccuracy: result.accuracy,
  }));
  setState(State.DONE);
}

function diverged() {
  const message = session.divergence();
  post({ type: FromWorker.ERROR, message, fatal: false, diverged: true });
  setState(State.ERROR, message);
}

function pause() {
  if (state === State.TRAINING) setState(State.PAUSED);
}

function resume() {
  if (state !== State.PAUSED) return;
  setState(State.TRAINING);
  scheduleSlice();
}

function reset() {
  if (!session) return;
  run = null;
  session.stop();
  if (state === State.LOADING) return;  // loading goes on; nothing was trained yet
  try {
    usePretrained();
  } catch (error) {
    console.warn(`could not restore the pretrained model: ${error.message}`);
    announceModel(modelInfo(session, 'none'));
  }
  setState(dataReady ? State.READY : State.LOADING);
}

// ---- models and drawings ---------------------------------------------------------------------

function predict({ requestId, width, height, ink }) {
  const answer = { type: FromWorker.PREDICTION, requestId, empty: true, digit: -1 };
  if (!session || !session.hasNetwork()) {
    post({ ...answer, message: 'there is no model yet' });
    return;
  }
  try {
    const bytes = new Uint8Array(ink);
    if (!Number.isInteger(width) || !Number.isInteger(height) || bytes.length !== width * height) {
      throw new Error(`a drawing of ${width} x ${height} needs ${width * height} ink bytes, got ${bytes.length}`);
    }
    if (!inkBuffer || inkBuffer.size() < bytes.length) {
      inkBuffer?.delete();
      inkBuffer = new nn.ByteBuffer(bytes.length);
    }
    inkBuffer.view().set(bytes);
    const result = session.classify(inkBuffer, width, height, 1);
    if (result.empty) {
      post(answer);
      return;
    }
    const probabilities = session.probabilities().slice();
    const image = session.digitImage().slice();
    const hidden = session.layerOutput(0);
    const hiddenCopy = hidden && session.architecture().sizes.length > 2 ? hidden.slice() : null;
    const transfer = [probabilities.buffer, image.buffer, ...(hiddenCopy ? [hiddenCopy.buffer] : [])];
    post({ ...answer, empty: false, digit: result.digit, probabilities, image, hidden: hiddenCopy }, transfer);
  } catch (error) {
    fail(`could not classify the drawing: ${error.message}`, { requestId });
  }
}

function saveModel({ requestId }) {
  try {
    if (!session || !session.hasNetwork()) throw new Error('there is no model to save yet');
    const bytes = session.saveModel(metadataFor(model, run?.config)).slice();
    const preset = model?.preset ? `-${model.preset}` : '';
    post({ type: FromWorker.MODEL_FILE, requestId, bytes: bytes.buffer, fileName: `mnist${preset}.nnmf` }, [bytes.buffer]);
  } catch (error) {
    fail(error, { requestId });
  }
}

function loadModel({ requestId, bytes, name }) {
  try {
    if (!session) throw new Error('the module is still loading');
    if (!(bytes instanceof ArrayBuffer)) throw new Error('no file data');
    if (bytes.byteLength > MAX_MODEL_BYTES) {
      throw new Error(`${name} is ${(bytes.byteLength / 1e6).toFixed(1)} MB; model files are at most 64 MB`);
    }
    const metadata = parseMetadata(loadModelBytes(new Uint8Array(bytes)));
    run = null;
    announceModel(modelInfo(session, 'uploaded', {
      preset: metadata.preset, epochs: metadata.epochs, testAccuracy: metadata.test_accuracy, fileName: name,
    }));
    if (state !== State.LOADING) setState(State.READY);
  } catch (error) {
    fail(`${name || 'the file'} was not loaded: ${error.message}`, { requestId });
  }
}

function checkConfig({ requestId, config }) {
  const samples = dataReady ? session.trainCount() : 51000;
  const result = nn ? nn.checkConfig(config, samples) : { ok: true };
  post({ type: FromWorker.CONFIG_CHECKED, requestId, ...result });
}

// ---- dispatch --------------------------------------------------------------------------------

const handlers = {
  [ToWorker.INIT]: init,
  [ToWorker.CHECK_CONFIG]: checkConfig,
  [ToWorker.START]: start,
  [ToWorker.PAUSE]: pause,
  [ToWorker.RESUME]: resume,
  [ToWorker.RESET]: reset,
  [ToWorker.PREDICT]: predict,
  [ToWorker.SAVE_MODEL]: saveModel,
  [ToWorker.LOAD_MODEL]: loadModel,
};

self.onmessage = (event) => {
  const message = event.data;
  const handler = message && handlers[message.type];
  if (!handler) {
    fail(`unknown message type '${message && message.type}'`);
    return;
  }
  if (!nn && message.type !== ToWorker.INIT) {
    if (message.type === ToWorker.PREDICT) post({ type: FromWorker.PREDICTION, requestId: message.requestId, empty: true, digit: -1, message: 'the model is still loading' });
    else if (message.type === ToWorker.CHECK_CONFIG) post({ type: FromWorker.CONFIG_CHECKED, requestId: message.requestId, ok: true });
    return;
  }
  handler(message);
};
