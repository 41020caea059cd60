// Drives the site's real training worker (dist/src/worker.js) through the page's own request
// layer (src/lib/page/worker-bridge.js, the protocol in src/protocol.js) and measures it; the
// harness (bench/runners/wasm-browser.mjs) calls the functions on window.bench through Playwright.
const base = new URL('./', document.baseURI);
const { WorkerBridge } = await import(new URL('src/lib/page/worker-bridge.js', base).href);
const { BUILD_VERSION } = await import(new URL('src/lib/shared/build.js', base).href);

/** The worker's events the measurements listen to, as {type, ...payload}. */
const EVENTS = ['state', 'data-ready', 'progress', 'epoch', 'done', 'diverged', 'fatal'];

let bridge = null;
let presets = null;
let listener = null; // the measurement in progress gets every event
let wasmHeapPeak = 0; // if the worker reports its wasm memory size (wasmHeapBytes) in any event
const failures = [];

function on(handler) {
  listener = handler;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** init as the page calls it; resolves at data-ready with the time since navigation. */
function init() {
  return new Promise((resolve, reject) => {
    bridge = new WorkerBridge(() => new Worker(new URL('src/worker.js', base), { type: 'module' }));
    for (const type of EVENTS) {
      bridge.on(type, (payload) => {
        if (type === 'fatal' || type === 'diverged') failures.push(payload.message);
        if (typeof payload.wasmHeapBytes === 'number')
          wasmHeapPeak = Math.max(wasmHeapPeak, payload.wasmHeapBytes);
        if (listener) listener({ type, ...payload });
      });
    }
    on((message) => {
      if (message.type === 'data-ready') {
        resolve({ readyMs: performance.now(), counts: message, presets: Object.keys(presets || {}) });
      } else if (message.type === 'fatal' || (message.type === 'state' && message.state === 'error')) {
        reject(new Error(message.message));
      }
    });
    bridge.start();
    bridge
      .call('init', {
        dataUrl: new URL('data/', base).href,
        modelUrl: new URL('models/pretrained.nnmf', base).href,
        storageName: 'mnist-nn:bench',
        build: BUILD_VERSION,
      })
      .then((answer) => (presets = answer.presets), reject);
  });
}

/** A call whose failure the measurement in progress hears as an error event. */
function send(type, payload = {}, options = {}) {
  return bridge.call(type, payload, options).catch((error) => {
    failures.push(error.message);
    if (listener) listener({ type: 'error', message: error.message });
  });
}

/** Median and all round-trip times (ms) of `count` PREDICT messages with the same drawing. */
async function classify({ ink, width, height, count = 100, warmup = 5 }) {
  const bytes = Uint8Array.from(atob(ink), (c) => c.charCodeAt(0));
  const times = [];
  let digit = -1;
  for (let i = 0; i < warmup + count; i++) {
    const copy = bytes.slice(); // predict transfers its buffer
    const start = performance.now();
    const answer = await bridge.call(
      'predict',
      { width, height, ink: copy.buffer },
      { transfer: [copy.buffer] },
    );
    const ms = performance.now() - start;
    if (answer.empty)
      throw new Error(`the drawing was classified as empty (${answer.message || 'no model?'})`);
    digit = answer.digit;
    if (i >= warmup) times.push(ms);
  }
  return { medianMs: median(times), times, digit };
}

function stopRun() {
  send('pause');
  send('reset');
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
      if (message.type === 'error' || message.type === 'diverged' || message.type === 'fatal') {
        stopRun();
        reject(new Error(message.message));
        return;
      }
      if (message.type === 'done') {
        stopRun();
        reject(new Error(`${preset}: the run finished before the measurement did`));
        return;
      }
      if (message.type !== 'progress') return;
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
    send('start', { config });
  });
}

/** Seconds from start (mlp) until an EPOCH reports testAccuracy >= target. */
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
      if (message.type === 'epoch') {
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
      } else if (['done', 'error', 'diverged', 'fatal'].includes(message.type)) {
        clearTimeout(timer);
        stopRun();
        reject(new Error(`the run ended below ${target} (epochs: ${JSON.stringify(epochs)})`));
      }
    });
    start = performance.now();
    send('start', { config });
  });
}

window.bench = { init, classify, throughput, timeToAccuracy, failures, reportedWasmHeap: () => wasmHeapPeak };
window.benchLoaded = true;
