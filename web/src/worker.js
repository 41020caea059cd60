// The training worker: owns the wasm module and the core's Session, and answers the page's calls
// (protocol.js). Each feature's worker part brings its handlers; this file only puts them
// together and starts everything up. Training runs in short slices, so pause, reset and drawings
// are answered within one slice; the page's thread never waits.
import { datasetHandlers, loadFirstData } from './features/dataset/worker/datasets.js';
import { drawingHandlers } from './features/drawing/worker/classify.js';
import { emitEvaluation, evaluationHandlers } from './features/insights/worker/evaluation.js';
import { weightsHandlers } from './features/insights/worker/weights.js';
import { initModels, modelHandlers } from './features/model/worker/models.js';
import { teachHandlers } from './features/teach/worker/fine-tune.js';
import { trainingHandlers } from './features/training/worker/training.js';
import { BUILD_VERSION } from './lib/shared/build.js';
import { announceState, worker } from './lib/worker/context.js';
import { runExclusive, serve } from './lib/worker/serve.js';
import { loadModule } from './lib/worker/wasm-module.js';

/** @type {(value?: unknown) => void} */
let moduleLoaded = () => {};
const ready = new Promise((resolve) => (moduleLoaded = resolve));

/**
 * init: loads the module and answers with the presets (the core is the one place they are
 * defined); the pretrained model and the MNIST files then load together, as the first exclusive
 * job, reported by events (model, data-progress, data-ready, state).
 * @param {{dataUrl: string, modelUrl: string | null, storageName: string, build: string}} options
 */
async function init({ dataUrl, modelUrl, storageName, build }) {
  if (worker.nn) throw new Error('the worker is already started');
  if (build !== BUILD_VERSION) {
    throw new Error('the site was updated since this page was opened: reload the page');
  }
  worker.nn = await loadModule(); // a failure rejects: the page shows it and offers Retry
  worker.session = new worker.nn.Session();
  worker.session.setTestEveryEpoch(true);
  worker.dataUrl = dataUrl;
  worker.storageName = storageName;
  moduleLoaded();
  runExclusive(async () => {
    await Promise.all([initModels(modelUrl), loadFirstData()]);
    worker.starting = false;
    announceState();
    emitEvaluation();
  });
  /** @type {Record<string, import('./features/training/shared/contract.js').TrainConfig>} */
  const presets = {};
  for (const name of worker.nn.presetNames()) presets[name] = worker.nn.presetConfig(name);
  return { presets };
}

export const handlers = {
  init,
  ...trainingHandlers,
  ...drawingHandlers,
  ...modelHandlers,
  ...datasetHandlers,
  ...evaluationHandlers,
  ...weightsHandlers,
  ...teachHandlers,
};

serve(handlers, { ready, first: 'init' });
