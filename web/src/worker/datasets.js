// The data: MNIST from the site, or the user's own IDX files. Files are decompressed straight
// into wasm memory and parsed by the core's IDX reader.
import { FromWorker, State } from '../shared/protocol.js';
import { fail, post, running, setState, worker } from './context.js';
import { fetchAll, fileName, gunzipIntoBuffer } from './data-loader.js';

const MNIST_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
const USER_FILES = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];
const USER_FILE_NAMES = {
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};
const MAX_FILE_BYTES = 128 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 50;

/** Parses four decompressed buffers into the session (which takes them over). */
function useBuffers(buffers, name) {
  const { session } = worker;
  session.setData(buffers[0], buffers[1], buffers[2], buffers[3]);
  worker.dataReady = true;
  worker.dataName = name;
  post({
    type: FromWorker.DATA_READY,
    name,
    train: session.trainCount(),
    validation: session.validationCount(),
    test: session.testCount(),
    classes: 10,
    wasmHeapBytes: worker.nn.HEAPU8.byteLength,
  });
}

async function decompressAll(files, names) {
  const buffers = [];
  try {
    for (let i = 0; i < files.length; i++) {
      buffers.push(await gunzipIntoBuffer(worker.nn, files[i], names[i]));
      files[i] = null; // let the compressed copy go
    }
    return buffers;
  } catch (error) {
    for (const buffer of buffers) buffer.delete();
    throw error;
  }
}

/** Decompresses four IDX files into wasm memory and makes them the session's data. */
async function useFiles(files, names, datasetName) {
  const buffers = await decompressAll(files, names);
  try {
    useBuffers(buffers, datasetName);
  } finally {
    for (const buffer of buffers) buffer.delete();
  }
}

/** Fetches the MNIST files with progress. Failure leaves the worker alive in the ERROR state. */
export async function loadMnist(requestId) {
  try {
    const urls = MNIST_FILES.map((name) => new URL(name, worker.dataUrl).href);
    let lastReport = 0;
    const files = await fetchAll(urls, (loaded, total) => {
      const now = performance.now();
      if (now - lastReport < PROGRESS_INTERVAL_MS && loaded < total) return;
      lastReport = now;
      post({ type: FromWorker.DATA_PROGRESS, loaded, total });
    });
    await useFiles(files, urls.map(fileName), 'MNIST');
    return true;
  } catch (error) {
    // Drawings still work with the pretrained model; the page's Retry starts a new worker.
    fail(error, { requestId });
    setState(State.ERROR, error.message);
    return false;
  }
}

/** LOAD_DATASET: the user's four IDX files, or back to MNIST. The current data is kept on failure. */
export async function loadDataset({ requestId, files, name, builtin }) {
  if (!worker.session) {
    fail('the module is still loading', { requestId });
    return;
  }
  if (running()) {
    fail('stop the run (Reset) before loading other data', { requestId });
    return;
  }
  if (builtin === 'mnist') {
    if (await loadMnist(requestId)) setState(State.READY);
    return;
  }
  const label = name || 'your dataset';
  try {
    if (!files || typeof files !== 'object') throw new Error('four IDX files are needed');
    const missing = USER_FILES.filter((key) => !(files[key] instanceof ArrayBuffer));
    if (missing.length > 0) {
      throw new Error(
        `missing the ${missing.map((key) => USER_FILE_NAMES[key]).join(', ')} file${missing.length > 1 ? 's' : ''}`,
      );
    }
    for (const key of USER_FILES) {
      if (files[key].byteLength > MAX_FILE_BYTES) {
        throw new Error(`the ${USER_FILE_NAMES[key]} file is larger than 128 MB`);
      }
    }
    await useFiles(
      USER_FILES.map((key) => new Uint8Array(files[key])),
      USER_FILES.map((key) => `the ${USER_FILE_NAMES[key]} file`),
      label,
    );
  } catch (error) {
    fail(`${label} was not loaded: ${error.message}`, { requestId });
    return;
  }
  setState(State.READY);
}
