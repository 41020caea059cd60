// The active model: the pretrained one shipped with the site, one trained here, or one the user
// uploaded; saving, loading, and keeping it. The model the user has is the one kept in this
// browser (IndexedDB): whenever the active model settles (a run finished, a file uploaded, Reset
// brought the old one back, the pretrained one chosen) the store follows, so a reload brings back
// exactly what was there.
import { announceState, clearOutcome, running, worker } from '../../../lib/worker/context.js';
import { emit, exclusive, transfer } from '../../../lib/worker/serve.js';
import { emitEvaluation } from '../../insights/worker/evaluation.js';
import { sendWeights } from '../../insights/worker/weights.js';
import { MAX_MODEL_BYTES } from '../shared/contract.js';
import { modelName } from '../shared/model-name.js';
import { forgetModel, keepModel, keptModel, storeSettled, takeLegacyModel } from './model-store.js';

/** @typedef {import('../shared/contract.js').ModelInfo} ModelInfo */

/** The pretrained model's file, or why there is none (it is optional: the page goes on). */
const pretrained = { bytes: /** @type {Uint8Array | null} */ (null), problem: '' };
/** @type {ModelInfo | null} */
let active = null;
/** The model before the current (or last) run, which Reset brings back; null when none. */
let base = /** @type {{bytes: Uint8Array, info: ModelInfo} | null} */ (null);

export function currentModel() {
  return active;
}

/** Tells the page the active model. */
function announce(/** @type {ModelInfo} */ info) {
  active = { ...info, name: modelName(info) };
  emit('model', {
    model: active,
    pretrained: { available: pretrained.bytes !== null, problem: pretrained.problem },
  });
  sendWeights();
}

/** The active model, settled: announced and kept (or the kept one forgotten) to match. */
function settle(/** @type {ModelInfo} */ info) {
  announce(info);
  const settled = /** @type {ModelInfo} */ (active);
  if (settled.source === 'trained' || settled.source === 'uploaded') {
    keepModel(worker.storageName, worker.session.saveModel(metadataFor(settled, null)).slice(), settled);
  } else {
    forgetModel(worker.storageName);
  }
}

/** Something more is known about the active model (its accuracy, once evaluated). */
export function refineModel(/** @type {Partial<ModelInfo>} */ patch) {
  if (!active) return;
  const refined = { ...active, ...patch };
  if (running()) announce(refined);
  else settle(refined);
}

/**
 * What the page is told about the session's network.
 * @param {ModelInfo['source']} source
 * @param {Partial<ModelInfo>} [details]
 * @returns {ModelInfo}
 */
export function describeModel(source, details = {}) {
  const architecture = worker.session.hasNetwork() ? worker.session.architecture() : null;
  const convolutional = architecture?.layers.some((layer) => layer.kind === 'conv2d');
  const info = {
    source: architecture ? source : /** @type {const} */ ('none'),
    description: architecture ? architecture.description : '',
    sizes: architecture ? Array.from(architecture.sizes) : [],
    kind: !architecture
      ? /** @type {const} */ ('')
      : convolutional
        ? /** @type {const} */ ('convolutional')
        : /** @type {const} */ ('fully connected'),
    preset: null,
    epochs: null,
    testAccuracy: null,
    drawnAccuracy: null,
    augment: null,
    dataset: null,
    classNames: null,
    config: null,
    fileName: null,
    fineTuned: null,
    kept: false,
    name: '',
    ...details,
  };
  return { ...info, name: modelName(info) };
}

/** What a model file's metadata says about it (see metadataFor). @returns {Partial<ModelInfo>} */
function fromMetadata(/** @type {string} */ text) {
  /** @type {Record<string, any>} */
  let metadata = {};
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object') metadata = value;
  } catch {
    // No metadata, or not ours: the weights are what counts.
  }
  const names = Array.isArray(metadata.class_names) ? metadata.class_names.map(String).slice(0, 10) : null;
  const config = metadata.config && typeof metadata.config === 'object' ? metadata.config : null;
  return {
    preset: typeof metadata.preset === 'string' ? metadata.preset : null,
    epochs: Number.isInteger(metadata.epochs) ? metadata.epochs : null,
    testAccuracy: Number.isFinite(metadata.test_accuracy) ? metadata.test_accuracy : null,
    drawnAccuracy: Number.isFinite(metadata.robustness_accuracy) ? metadata.robustness_accuracy : null,
    dataset: typeof metadata.dataset === 'string' ? metadata.dataset : null,
    classNames: names,
    config,
    augment: typeof metadata.augment === 'string' ? metadata.augment : augmentOf(config),
    fineTuned:
      metadata.fine_tuned && Number.isInteger(metadata.fine_tuned.digits)
        ? { digits: metadata.fine_tuned.digits, base: String(metadata.fine_tuned.base ?? '') }
        : null,
  };
}

/** The augmentation a configuration trains with, when it says. */
export function augmentOf(/** @type {Record<string, unknown> | null | undefined} */ config) {
  return typeof config?.augment === 'string' ? config.augment : null;
}

/**
 * The JSON stored in a model file (and in its ONNX export): everything the page knows about the
 * model. No save time: every file saved of one model carries the same metadata, so the page's
 * .onnx equals `mnist-train --load <its .nnmf> --export-onnx` byte for byte.
 */
export function metadataFor(/** @type {ModelInfo} */ info, /** @type {string[] | null} */ classNames) {
  return JSON.stringify({
    source: 'browser',
    preset: info.preset,
    description: info.description,
    epochs: info.epochs,
    test_accuracy: info.testAccuracy,
    robustness_accuracy: info.drawnAccuracy,
    augment: info.augment,
    dataset: info.dataset,
    class_names: classNames ?? info.classNames,
    config: info.config,
    fine_tuned: info.fineTuned ?? null,
  });
}

/** Hands a model file to the core (which replaces the network, or keeps it and throws why not). */
function loadModelBytes(/** @type {Uint8Array} */ bytes) {
  const { nn, session } = worker;
  const buffer = new nn.ByteBuffer(bytes.length);
  try {
    buffer.view().set(bytes);
    return fromMetadata(session.loadModel(buffer));
  } finally {
    buffer.delete();
  }
}

/** The pretrained model as the active one, or none (the page says why). */
function usePretrainedModel() {
  if (!pretrained.bytes) {
    announce(describeModel('none'));
    return;
  }
  const details = loadModelBytes(pretrained.bytes);
  // The native trainer trains it on MNIST and does not say so.
  settle(describeModel('pretrained', { ...details, dataset: details.dataset ?? 'MNIST' }));
}

/**
 * The model an earlier version of the page kept (see takeLegacyModel), kept again under this
 * deployment's name as a model trained here; null when there is none or it no longer loads.
 * @returns {Promise<import('./model-store.js').KeptModel | null>}
 */
async function keptLegacyModel() {
  const bytes = await takeLegacyModel();
  if (!bytes) return null;
  try {
    const details = loadModelBytes(bytes);
    const info = describeModel('trained', details);
    keepModel(worker.storageName, bytes, info);
    return { bytes, info, savedAt: Date.now() };
  } catch (error) {
    console.warn(
      `the earlier page's kept model could not be used (${error instanceof Error ? error.message : error})`,
    );
    return null;
  }
}

/** At start-up: the model kept from the last visit, else the pretrained one, else none. */
export async function initModels(/** @type {string | null} */ modelUrl) {
  if (modelUrl) {
    try {
      const response = await fetch(modelUrl);
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      loadModelBytes(bytes); // checked now: a host may answer a missing file with its index.html
      pretrained.bytes = bytes;
    } catch (error) {
      pretrained.problem = `The pretrained model could not be loaded (${error instanceof Error ? error.message : error}).`;
      console.warn(pretrained.problem);
    }
  }
  const kept = (await keptModel(worker.storageName)) ?? (await keptLegacyModel());
  if (kept) {
    try {
      const details = loadModelBytes(kept.bytes);
      announce({ ...describeModel(kept.info.source, details), ...kept.info, kept: true });
      return;
    } catch (error) {
      console.warn(`the kept model could not be used (${error instanceof Error ? error.message : error})`);
      forgetModel(worker.storageName);
    }
  }
  usePretrainedModel();
}

/** Before a run: remember the active model, so Reset can bring it back. */
export function rememberBaseModel() {
  const { session } = worker;
  base = session.hasNetwork() && active ? { bytes: session.saveModel('').slice(), info: active } : null;
}

/** Reset: the model from before the last run, if there was a run since the model was chosen. */
export function restoreBaseModel() {
  const previous = base;
  base = null;
  if (previous) {
    loadModelBytes(previous.bytes);
    settle(previous.info);
  } else {
    usePretrainedModel();
  }
}

/** Resolves once the browser's store holds what the last settled model asked for: a call that
 *  changes the model answers after it, so a reload straight after finds the model the user has
 *  (evaluating a convolutional model keeps the worker busy for a second or more, long enough for
 *  a reload to overtake the store). */
export function modelStored() {
  return storeSettled();
}

/** Whether a run has replaced the model since it was chosen (Reset has something to undo). */
export function hasBaseModel() {
  return base !== null;
}

/** A run finished: its model is the one the user has now. */
export function settleTrainedModel(/** @type {Partial<ModelInfo>} */ details) {
  settle(describeModel('trained', details));
}

/** A run changed the network (it started, or finished an epoch). */
export function announceTrainingModel(/** @type {Partial<ModelInfo>} */ details) {
  announce(describeModel('trained', details));
}

/** The ways save-model writes the active model: its file extension and the core's writer. */
const WRITERS = {
  nnmf: { extension: 'nnmf', write: (/** @type {string} */ metadata) => worker.session.saveModel(metadata) },
  onnx: { extension: 'onnx', write: (/** @type {string} */ metadata) => worker.session.exportOnnx(metadata) },
};

/**
 * save-model: the active model as a file, ours (.nnmf) or ONNX; `classNames` (the page's) go in
 * its metadata. A model ONNX cannot express is refused with the core's reason.
 * @param {{classNames?: string[], format?: import('../shared/contract.js').ModelFormat}} request
 */
function saveModel({ classNames, format = 'nnmf' }) {
  if (!worker.session.hasNetwork() || !active || active.source === 'none') {
    throw new Error('there is no model to save yet');
  }
  const writer = WRITERS[format];
  if (!writer) throw new Error(`unknown model format '${format}': nnmf or onnx`);
  const names = Array.isArray(classNames) ? classNames.map(String).slice(0, 10) : null;
  const bytes = writer.write(metadataFor(active, names)).slice();
  // "mlp (modified)" -> "mnist-mlp-modified.nnmf"
  const slug = String(active.preset ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const fileName = `mnist${slug ? `-${slug}` : ''}.${writer.extension}`;
  return transfer({ bytes: bytes.buffer, fileName }, [bytes.buffer]);
}

/** load-model: an uploaded file replaces the model, or is refused and the model stays. */
async function loadModel(/** @type {{bytes: ArrayBuffer, name?: string}} */ { bytes, name }) {
  const label = name || 'the file';
  try {
    if (running()) throw new Error('stop the run (Reset) before loading a model');
    if (!(bytes instanceof ArrayBuffer)) throw new Error('no file data');
    if (bytes.byteLength > MAX_MODEL_BYTES) {
      throw new Error(
        `it is ${(bytes.byteLength / 1e6).toFixed(1)} MB; model files are at most ${MAX_MODEL_BYTES / 2 ** 20} MB`,
      );
    }
    const details = loadModelBytes(new Uint8Array(bytes));
    base = null;
    clearOutcome();
    settle(describeModel('uploaded', { ...details, fileName: name ?? null }));
  } catch (error) {
    throw new Error(`${label} was not loaded: ${error instanceof Error ? error.message : error}`);
  }
  announceState();
  emitEvaluation();
  await modelStored();
  return /** @type {ModelInfo} */ (active);
}

/** use-pretrained: back to the shipped model. */
async function usePretrained() {
  if (running()) throw new Error('stop the run (Reset) before switching models');
  if (!pretrained.bytes) throw new Error(pretrained.problem || 'this site has no pretrained model');
  base = null;
  clearOutcome();
  usePretrainedModel();
  announceState();
  emitEvaluation();
  await modelStored();
  return /** @type {ModelInfo} */ (active);
}

export const modelHandlers = {
  'save-model': saveModel,
  'load-model': exclusive(loadModel),
  'use-pretrained': exclusive(usePretrained),
};
