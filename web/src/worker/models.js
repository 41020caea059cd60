// The active model: the pretrained one shipped with the site, one trained here (kept in
// IndexedDB across reloads), or one the user uploaded; saving, loading and evaluating it.
import { FromWorker, State } from '../shared/protocol.js';
import { fail, post, running, setState, worker } from './context.js';
import { evaluationReport } from './evaluation-report.js';
import { metadataFor, modelInfo, parseMetadata, withTestAccuracy } from './model-info.js';
import { forgetTrainedModel, keepTrainedModel, keptTrainedModel } from './model-store.js';
import { sendWeights } from './weights.js';

const MAX_MODEL_BYTES = 64 * 1024 * 1024;

let pretrainedBytes = null;
let baseModel = null; // {bytes, info}: the model before the current run, which Reset restores

export function announceModel(info) {
  worker.model = info;
  post({ type: FromWorker.MODEL, model: info });
  sendWeights();
}

/** Hands a model file to the core; returns its metadata. Throws the core's message. */
function loadModelBytes(bytes) {
  const { nn, session } = worker;
  const buffer = new nn.ByteBuffer(bytes.length);
  try {
    buffer.view().set(bytes);
    return parseMetadata(session.loadModel(buffer));
  } finally {
    buffer.delete();
  }
}

function details(metadata, extra = {}) {
  return {
    preset: metadata.preset,
    epochs: metadata.epochs,
    testAccuracy: metadata.test_accuracy,
    classNames: Array.isArray(metadata.class_names) ? metadata.class_names.map(String) : null,
    ...extra,
  };
}

/** At start-up: the pretrained model, replaced by the one trained here last time if it was kept. */
export async function initModels(modelUrl) {
  if (modelUrl) {
    try {
      const response = await fetch(modelUrl);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      pretrainedBytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      console.warn(`no pretrained model (${error.message})`);
    }
  }
  const kept = await keptTrainedModel();
  if (kept) {
    try {
      const metadata = loadModelBytes(kept.bytes);
      announceModel({ ...modelInfo(worker.session, 'trained', details(metadata)), ...kept.info, kept: true });
      return;
    } catch (error) {
      console.warn(`the kept model could not be used (${error.message}); forgetting it`);
      await forgetTrainedModel();
    }
  }
  usePretrained();
}

/** Makes the pretrained model active (or says there is none). */
export function usePretrained() {
  if (!pretrainedBytes) {
    // the site has none (or it failed to load): keep whatever is there
    announceModel(modelInfo(worker.session, worker.session.hasNetwork() ? 'trained' : 'none'));
    return;
  }
  const metadata = loadModelBytes(pretrainedBytes);
  announceModel(modelInfo(worker.session, 'pretrained', details(metadata)));
}

/** USE_PRETRAINED: back to the shipped model, and forget the kept one. */
export async function switchToPretrained({ requestId } = {}) {
  if (running()) {
    fail('stop the run (Reset) before switching models', { requestId });
    return;
  }
  worker.session.stop();
  baseModel = null;
  usePretrained();
  await forgetTrainedModel();
  if (worker.state !== State.LOADING && worker.state !== State.ERROR) setState(State.READY);
}

/** Before a run: remember the active model, so Reset can bring it back. */
export function rememberBaseModel() {
  const { session } = worker;
  baseModel = session.hasNetwork() ? { bytes: session.saveModel('').slice(), info: worker.model } : null;
}

/** After Reset: the model that was active before the run. */
export function restoreBaseModel() {
  if (!baseModel) {
    usePretrained();
    return;
  }
  loadModelBytes(baseModel.bytes);
  announceModel(baseModel.info);
}

/** A run finished: keep its model for the next visit. */
export function keepFinishedModel(config) {
  const bytes = worker.session.saveModel(metadataFor(worker.model, config, null)).slice();
  keepTrainedModel(bytes, worker.model);
}

export function saveModel({ requestId, classNames }) {
  try {
    if (!worker.session || !worker.session.hasNetwork()) throw new Error('there is no model to save yet');
    const names = Array.isArray(classNames) ? classNames.map(String).slice(0, 10) : worker.model?.classNames;
    const bytes = worker.session.saveModel(metadataFor(worker.model, worker.run?.config, names)).slice();
    // "mlp (modified)" -> "mnist-mlp-modified.nnmf"
    const slug = String(worker.model?.preset ?? '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const preset = slug ? `-${slug}` : '';
    post({ type: FromWorker.MODEL_FILE, requestId, bytes: bytes.buffer, fileName: `mnist${preset}.nnmf` }, [
      bytes.buffer,
    ]);
  } catch (error) {
    fail(error, { requestId });
  }
}

export function loadUploadedModel({ requestId, bytes, name }) {
  const label = name || 'the file';
  try {
    if (!worker.session) throw new Error('the module is still loading');
    if (running()) throw new Error('stop the run (Reset) before loading a model');
    if (!(bytes instanceof ArrayBuffer)) throw new Error('no file data');
    if (bytes.byteLength > MAX_MODEL_BYTES) {
      throw new Error(`it is ${(bytes.byteLength / 1e6).toFixed(1)} MB; model files are at most 64 MB`);
    }
    const metadata = loadModelBytes(new Uint8Array(bytes));
    baseModel = null;
    announceModel(modelInfo(worker.session, 'uploaded', details(metadata, { fileName: name })));
  } catch (error) {
    fail(`${label} was not loaded: ${error.message}`, { requestId });
    return;
  }
  if (worker.state !== State.LOADING && worker.state !== State.ERROR) setState(State.READY);
  if (worker.dataReady) evaluate({ requestId });
}

/** EVALUATE: the current model on the test set (about 0.1 s), answered by EVALUATION. */
export function evaluate({ requestId }) {
  const { session } = worker;
  try {
    if (!worker.dataReady) throw new Error('the data is still loading');
    if (running()) throw new Error('the model is being trained: evaluate it when the run is over');
    session.evaluateCurrent();
    while (session.phase() === 'testing') session.step(1 << 16);
    const { message, transfer } = evaluationReport();
    post({ type: FromWorker.EVALUATION, requestId, ...message }, transfer);
    if (worker.model && worker.model.testAccuracy == null) {
      announceModel(withTestAccuracy(worker.model, message.testAccuracy));
    }
  } catch (error) {
    fail(`could not evaluate the model: ${error.message}`, { requestId });
  }
}
