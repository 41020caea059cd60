// The training worker: owns the wasm module and the core's Session and answers the page's
// messages (see ../shared/protocol.js). Training runs in short slices (training.js) so that
// pause, reset and predictions are handled within one slice; the page's thread never waits.
import { FromWorker, State, ToWorker } from '../shared/protocol.js';
import { fail, post, setState, worker } from './context.js';
import { loadDataset, loadMnist } from './datasets.js';
import { evaluate, initModels, loadUploadedModel, saveModel, switchToPretrained } from './models.js';
import { classify } from './drawings.js';
import { pause, reset, resume, setSpeed, start } from './training.js';
import { loadModule } from './wasm-module.js';
import { watchWeights } from './weights.js';

async function init({ dataUrl, modelUrl }) {
  if (worker.nn) return; // once per worker
  try {
    worker.nn = await loadModule();
    worker.session = new worker.nn.Session();
    worker.session.setTestEveryEpoch(true);
  } catch (error) {
    fail(error, { fatal: true });
    return;
  }
  const presets = {};
  for (const name of worker.nn.presetNames()) presets[name] = worker.nn.presetConfig(name);
  post({ type: FromWorker.PRESETS, presets });

  // The pretrained model and the data download at the same time; ready once both are in.
  worker.dataUrl = dataUrl;
  const [, dataLoaded] = await Promise.all([initModels(modelUrl), loadMnist()]);
  if (dataLoaded) setState(State.READY);
}

function checkConfig({ requestId, config }) {
  const samples = worker.dataReady ? worker.session.trainCount() : 51000;
  post({ type: FromWorker.CONFIG_CHECKED, requestId, ...worker.nn.checkConfig(config, samples) });
}

const handlers = {
  [ToWorker.INIT]: init,
  [ToWorker.CHECK_CONFIG]: checkConfig,
  [ToWorker.START]: start,
  [ToWorker.PAUSE]: pause,
  [ToWorker.RESUME]: resume,
  [ToWorker.RESET]: reset,
  [ToWorker.PREDICT]: classify,
  [ToWorker.SAVE_MODEL]: saveModel,
  [ToWorker.LOAD_MODEL]: loadUploadedModel,
  [ToWorker.USE_PRETRAINED]: switchToPretrained,
  [ToWorker.EVALUATE]: evaluate,
  [ToWorker.WATCH_WEIGHTS]: ({ enabled }) => watchWeights(enabled),
  [ToWorker.SET_SPEED]: ({ samplesPerSecond }) => setSpeed(samplesPerSecond),
  [ToWorker.LOAD_DATASET]: loadDataset,
};

// Before the module is up, only INIT can act; the rest get a harmless answer or none.
function notReady(message) {
  if (message.type === ToWorker.PREDICT) {
    post({
      type: FromWorker.PREDICTION,
      requestId: message.requestId,
      empty: true,
      digit: -1,
      hidden: null,
      message: 'the model is still loading',
    });
  } else if (message.type === ToWorker.CHECK_CONFIG) {
    post({ type: FromWorker.CONFIG_CHECKED, requestId: message.requestId, ok: true });
  } else if (message.requestId !== undefined) {
    fail('the module is still loading', { requestId: message.requestId });
  }
}

self.onmessage = (event) => {
  const message = event.data;
  const handler = message && handlers[message.type];
  if (!handler) {
    fail(`unknown message type '${message && message.type}'`);
    return;
  }
  if (!worker.nn && message.type !== ToWorker.INIT) {
    notReady(message);
    return;
  }
  try {
    const result = handler(message);
    if (result && typeof result.catch === 'function') result.catch((error) => fail(error, { fatal: true }));
  } catch (error) {
    // An abort inside wasm (out of memory, a bug) leaves the module unusable: the page restarts us.
    fail(`the worker stopped: ${error.message}`, { fatal: true });
  }
};

self.onunhandledrejection = (event) =>
  fail(`the worker stopped: ${event.reason?.message ?? event.reason}`, { fatal: true });
