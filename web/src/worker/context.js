// The worker's shared state and its outgoing messages. One worker, one module, one Session.
import { FromWorker, State } from '../shared/protocol.js';

export const worker = {
  nn: null, // the wasm module (see cpp/wasm/nn.d.ts)
  session: null, // nn.Session: data, current network, run
  state: State.LOADING,
  dataReady: false,
  dataName: '', // 'MNIST' or the user's dataset
  dataUrl: null, // where the MNIST files live
  model: null, // ModelInfo of the active model
  run: null, // the training run in progress (see training.js)
};

export function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

export function setState(next, message) {
  worker.state = next;
  post({ type: FromWorker.STATE, state: next, ...(message ? { message } : {}) });
}

/** Reports an error; a fatal one also moves to the ERROR state (the page must restart the worker). */
export function fail(error, { fatal = false, requestId } = {}) {
  const message = error instanceof Error ? error.message : String(error);
  post({ type: FromWorker.ERROR, message, fatal, ...(requestId !== undefined ? { requestId } : {}) });
  if (fatal) setState(State.ERROR, message);
}

/** Training or paused: a run owns the network. */
export function running() {
  return worker.state === State.TRAINING || worker.state === State.PAUSED;
}
