// The data: MNIST from the site, or the user's own IDX files. Files are decompressed straight
// into wasm memory and parsed by the core's IDX reader. A load that fails or is cancelled keeps
// the data there was.
import { announceState, clearOutcome, running, worker } from '../../../lib/worker/context.js';
import { emit, exclusive } from '../../../lib/worker/serve.js';
import { emitEvaluation } from '../../insights/worker/evaluation.js';
import { MAX_DATA_FILE_BYTES, ROLES, ROLE_NAMES } from '../shared/contract.js';
import { fetchAll, fileName, gunzipIntoBuffer } from './data-loader.js';

const MNIST_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
const PROGRESS_INTERVAL_MS = 50;

/** @typedef {import('../../../../../cpp/wasm/nn').ByteBuffer} ByteBuffer */
/** @typedef {import('../shared/contract.js').DataInfo} DataInfo */

/** Decompresses the files into wasm memory, one at a time; frees them all on failure. */
async function decompressAll(
  /** @type {(Uint8Array | null)[]} */ files,
  /** @type {string[]} */ names,
  /** @type {AbortSignal | undefined} */ signal,
) {
  /** @type {ByteBuffer[]} */
  const buffers = [];
  try {
    for (let i = 0; i < files.length; i++) {
      buffers.push(await gunzipIntoBuffer(worker.nn, /** @type {Uint8Array} */ (files[i]), names[i], signal));
      files[i] = null; // let the compressed copy go
    }
    return buffers;
  } catch (error) {
    for (const buffer of buffers) buffer.delete();
    throw error;
  }
}

/**
 * Decompresses four IDX files and makes them the session's data (the core parses them whole
 * before it replaces anything). Returns what the page is told in data-ready.
 * @returns {Promise<DataInfo>}
 */
async function useFiles(
  /** @type {(Uint8Array | null)[]} */ files,
  /** @type {string[]} */ names,
  /** @type {string} */ datasetName,
  /** @type {AbortSignal | undefined} */ signal,
) {
  const buffers = await decompressAll(files, names, signal);
  const { session } = worker;
  try {
    signal?.throwIfAborted(); // the last moment a cancel can still keep the old data
    session.setData(buffers[0], buffers[1], buffers[2], buffers[3]);
  } finally {
    for (const buffer of buffers) buffer.delete();
  }
  worker.dataName = datasetName;
  clearOutcome();
  /** @type {DataInfo} */
  const info = {
    name: datasetName,
    train: session.trainCount(),
    validation: session.validationCount(),
    test: session.testCount(),
    classes: 10,
    wasmHeapBytes: worker.nn.HEAPU8.byteLength,
  };
  emit('data-ready', info);
  if (!worker.starting) {
    announceState();
    emitEvaluation();
  }
  return info;
}

/** Downloads MNIST with progress and makes it the data. */
async function loadMnist(/** @type {AbortSignal | undefined} */ signal) {
  const urls = MNIST_FILES.map((name) => new URL(name, worker.dataUrl).href);
  let lastReport = 0;
  const files = await fetchAll(
    urls,
    (loaded, total) => {
      const now = performance.now();
      if (now - lastReport < PROGRESS_INTERVAL_MS && loaded < total) return;
      lastReport = now;
      emit('data-progress', { loaded, total });
    },
    signal,
  );
  return useFiles(files, urls.map(fileName), 'MNIST', signal);
}

/**
 * The first load, at start-up. Failure leaves the worker alive in the error state (drawings still
 * work with the pretrained model); the page's Retry starts a new worker.
 */
export async function loadFirstData() {
  try {
    await loadMnist(undefined);
  } catch (error) {
    worker.loadError = error instanceof Error ? error.message : String(error);
    announceState();
  }
}

/**
 * The user's four IDX files, or MNIST again.
 * @param {{builtin: 'mnist'} | {name?: string, files: import('../shared/contract.js').IdxFiles}} request
 * @param {import('../../../lib/shared/bridge-types').CallContext} context
 * @returns {Promise<DataInfo>}
 */
async function loadDataset(request, { signal }) {
  if (running()) throw new Error('stop the run (Reset) before loading other data');
  if ('builtin' in request) {
    if (request.builtin !== 'mnist') throw new Error(`there is no built-in dataset '${request.builtin}'`);
    try {
      return await loadMnist(signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Error(`MNIST was not loaded: ${error instanceof Error ? error.message : error}`);
    }
  }
  const label = request.name || 'your dataset';
  try {
    const files = request.files;
    if (!files || typeof files !== 'object') throw new Error('four IDX files are needed');
    const missing = ROLES.filter((role) => !(files[role] instanceof ArrayBuffer));
    if (missing.length > 0) {
      const names = missing.map((role) => ROLE_NAMES[role]).join(', ');
      throw new Error(`missing the ${names} file${missing.length > 1 ? 's' : ''}`);
    }
    for (const role of ROLES) {
      if (files[role].byteLength > MAX_DATA_FILE_BYTES) {
        throw new Error(`the ${ROLE_NAMES[role]} file is larger than ${MAX_DATA_FILE_BYTES / 2 ** 20} MB`);
      }
    }
    return await useFiles(
      ROLES.map((role) => new Uint8Array(files[role])),
      ROLES.map((role) => `the ${ROLE_NAMES[role]} file`),
      label,
      signal,
    );
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error(`${label} was not loaded: ${error instanceof Error ? error.message : error}`);
  }
}

export const datasetHandlers = {
  'load-dataset': exclusive(loadDataset),
};
