// Drives the site's real training worker (dist/src/worker/worker.js) over its protocol
// (src/shared/protocol.js) and measures it; the harness (bench/runners/wasm-browser.mjs) calls the
// functions on window.bench through Playwright.
const base = new URL('./', document.baseURI);
const { FromWorker, ToWorker } = await import(new URL('src/shared/protocol.js', base).href);

let worker = null;
let presets = null;
let listener = null; // the measurement in progress gets every message
let wasmHeapPeak = 0; // if the worker reports its wasm memory size (wasmHeapBytes) in any message
const failures = [];

function on(handler) {
  listener = handler;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** INIT as the page sends it; resolves at DATA_READY with the time since navigation. */
function init() {
  return new Promise((resolve, reject) => {
    worker = new Worker(new URL('src/worker/worker.js', base), { type: 'module' });
    worker.onerror = (event) =>
      reject(new Error(`the worker failed to load: ${event.message || 'no message'}`));
    worker.onmessage = ({ data }) => {
      if (data.type === FromWorker.PRESETS) presets = data.presets;
      if (data.type === FromWorker.ERROR) failures.push(data.message);
      if (typeof data.wasmHeapBytes === 'number') wasmHeapPeak = Math.max(wasmHeapPeak, data.wasmHeapBytes);
      if (listener) listener(data);
    };
    on((message) => {
      if (message.type === FromWorker.DATA_READY) {
        resolve({ readyMs: performance.now(), counts: message, presets: Object.keys(presets || {}) });
      } else if (message.type === FromWorker.ERROR && message.fatal) {
        reject(new Error(message.message));
      }
    });
    worker.postMessage({
      type: ToWorker.INIT,
      dataUrl: new URL('data/', base).href,
      modelUrl: new URL('models/pretrained.nnmf', base).href,
    });
  });
}

/** Median and all round-trip times (ms) of `count` PREDICT messages with the same drawing. */
async function classify({ ink, width, height, count = 100, warmup = 5 }) {
  const bytes = Uint8Array.from(atob(ink), (c) => c.charCodeAt(0));
  const times = [];
  let digit = -1;
  for (let i = 0; i < warmup + count; i++) {
    const copy = bytes.slice(); // PREDICT transfers its buffer
    const start = performance.now();
    const answer = await new Promise((resolve) => {
      on((message) => {
        if (message.type === FromWorker.PREDICTION && message.requestId === i) resolve(message);
        if (message.type === FromWorker.ERROR && message.requestId === i) resolve(message);
      });
      worker.postMessage({ type: ToWorker.PREDICT, requestId: i, width, height, ink: copy.buffer }, [
        copy.buffer,
      ]);
    });
    const ms = performance.now() - start;
    if (answer.type === FromWorker.ERROR) throw new Error(answer.message);
    if (answer.empty)
      throw new Error(`the drawing was classified as empty (${answer.message || 'no model?'})`);
    digit = answer.digit;
    if (i >= warmup) times.push(ms);
  }
  return { medianMs: median(times), times, digit };
}

function stopRun() {
  worker.postMessage({ type: ToWorker.PAUSE });
  worker.postMessage({ type: ToWorker.RESET });
}

/**
 * Trains a preset as the page does (START with the core's own preset config) and groups the
 * PROGRESS messages into windows of sliceSeconds of page time. Each PROGRESS says how many batches
 * it trained (losses) and their samplesPerSecond (training steps only), so a window's rate is its
 * samples over its training time; wall is its samples over the window's wall time (this includes
 * the worker's slice overhead and the per-epoch validation/test passes).
 */
function throughput({ preset, slices = 7, sliceSeconds = 1, warmupSlices = 1 }) {
  if (!presets || !presets[preset]) return Promise.reject(new Error(`the worker sent no preset '${preset}'`));
  // The preset's own 10 epochs can be over before the measurement is (seed: ~2 s); the network,
  // optimizer and batch stay the preset's. No augmentation: the same work as the peers (TensorFlow.js,
  // PyTorch), which have none.
  const config = { ...presets[preset], epochs: 1000, augment: 'none' };
  return new Promise((resolve, reject) => {
    const windows = [];
    let current = null;
    const finish = () => {
      stopRun();
      const timed = windows.slice(warmupSlices);
      resolve({
        rates: timed.map((w) => (1000 * w.samples) / w.trainMs),
        wall: timed.map((w) => (1000 * w.samples) / w.wallMs),
        config,
      });
    };
    on((message) => {
      if (message.type === FromWorker.ERROR) {
        stopRun();
        reject(new Error(message.message));
        return;
      }
      if (message.type === FromWorker.DONE) {
        stopRun();
        reject(new Error(`${preset}: the run finished before the measurement did`));
        return;
      }
      if (message.type !== FromWorker.PROGRESS) return;
      const now = performance.now();
      const samples = message.losses.length * config.batchSize;
      if (!current) current = { start: now, samples: 0, trainMs: 0 };
      if (samples > 0 && message.samplesPerSecond > 0) {
        current.samples += samples;
        current.trainMs += (1000 * samples) / message.samplesPerSecond;
      }
      if (now - current.start >= sliceSeconds * 1000) {
        current.wallMs = now - current.start;
        windows.push(current);
        current = { start: now, samples: 0, trainMs: 0 };
        if (windows.length >= warmupSlices + slices) finish();
      }
    });
    worker.postMessage({ type: ToWorker.START, config });
  });
}

/** Seconds from START (mlp) until an EPOCH reports testAccuracy >= target. */
function timeToAccuracy({ preset = 'mlp', target = 0.97, timeoutSeconds = 300 }) {
  const config = presets && presets[preset];
  if (!config) return Promise.reject(new Error(`the worker sent no preset '${preset}'`));
  return new Promise((resolve, reject) => {
    const epochs = [];
    let start = 0;
    const timer = setTimeout(() => {
      stopRun();
      reject(
        new Error(
          `no ${target} test accuracy within ${timeoutSeconds} s (epochs: ${JSON.stringify(epochs)})`,
        ),
      );
    }, timeoutSeconds * 1000);
    on((message) => {
      if (message.type === FromWorker.EPOCH) {
        const seconds = (performance.now() - start) / 1000;
        epochs.push({ epoch: message.epoch, testAccuracy: message.testAccuracy, seconds });
        if (typeof message.testAccuracy !== 'number') {
          clearTimeout(timer);
          stopRun();
          reject(new Error('EPOCH messages carry no testAccuracy'));
        } else if (message.testAccuracy >= target) {
          clearTimeout(timer);
          stopRun();
          resolve({ seconds, epoch: message.epoch, testAccuracy: message.testAccuracy, epochs });
        }
      } else if (message.type === FromWorker.DONE || message.type === FromWorker.ERROR) {
        clearTimeout(timer);
        stopRun();
        reject(new Error(`the run ended below ${target} (epochs: ${JSON.stringify(epochs)})`));
      }
    });
    start = performance.now();
    worker.postMessage({ type: ToWorker.START, config });
  });
}

window.bench = { init, classify, throughput, timeToAccuracy, failures, reportedWasmHeap: () => wasmHeapPeak };
window.benchLoaded = true;
