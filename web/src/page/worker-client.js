// Owns the training worker: creates it, sends protocol messages, matches answers to request ids,
// and replaces the worker when it has failed (a fatal ERROR, an uncaught error or a message that
// could not be read). Every message the page sees comes through onMessage, including the errors
// this file makes up for a dead worker, so the page has one path for everything.
import { ToWorker, FromWorker, State } from '../shared/protocol.js';

function createTrainingWorker() {
  return new Worker(new URL('../worker/worker.js', import.meta.url), { type: 'module' });
}

export class WorkerClient {
  /**
   * @param {object} options
   * @param {string} options.dataUrl    folder of the MNIST *.gz files
   * @param {string|null} options.modelUrl  the pretrained model file
   * @param {(message: object) => void} options.onMessage  every message from the worker
   * @param {() => void} [options.onStart]  a new worker was created (earlier requests are gone)
   * @param {() => Worker} [options.createWorker]
   */
  constructor({ dataUrl, modelUrl, onMessage, onStart = () => {}, createWorker = createTrainingWorker }) {
    this.dataUrl = dataUrl;
    this.modelUrl = modelUrl;
    this.onMessage = onMessage;
    this.onStart = onStart;
    this.createWorker = createWorker;
    this.worker = null;
    /** The worker cannot continue; the next reset() replaces it. */
    this.failed = false;
    /** Request ids never repeat, even across workers, so an old worker's answer never matches. */
    this.lastRequestId = 0;
    /** @type {Map<number, (answer: object) => void>} CHECK_CONFIG answers awaited */
    this.pendingChecks = new Map();
  }

  /** A worker is there to answer (not failed, not stopped). */
  get running() {
    return this.worker !== null && !this.failed;
  }

  /** Creates the worker and asks it to load everything. */
  start() {
    this.failed = false;
    let worker;
    try {
      worker = this.createWorker();
    } catch (error) {
      this.fail(`The training worker could not start: ${error.message || error}`);
      return;
    }
    this.worker = worker;
    this.onStart();
    // Answers from a worker that was replaced are dropped: only the current one speaks.
    worker.onmessage = (event) => {
      if (worker === this.worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      if (worker !== this.worker) return;
      event.preventDefault();
      const where = event.filename ? ` (${event.filename.split('/').pop()}:${event.lineno})` : '';
      this.fail(`The training worker stopped: ${event.message || 'it could not be loaded'}${where}`);
    };
    worker.onmessageerror = () => {
      if (worker === this.worker) this.fail('The training worker sent a message the page could not read.');
    };
    this.deliver({ type: FromWorker.STATE, state: State.LOADING });
    this.post({ type: ToWorker.INIT, dataUrl: this.dataUrl, modelUrl: this.modelUrl });
  }

  /** Stops training and goes back to the state before Start; replaces the worker if it failed. */
  reset() {
    if (this.failed || !this.worker) this.restart();
    else this.post({ type: ToWorker.RESET });
  }

  /** Terminates the worker and starts a new one (the data and model load again). */
  restart() {
    this.stop();
    this.start();
  }

  /** Terminates the worker; pending requests are answered as stale. */
  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const resolve of this.pendingChecks.values()) resolve({ stale: true });
    this.pendingChecks.clear();
  }

  /** Posts a message that needs no answer. Ignored while there is no working worker. */
  post(message, transfer = []) {
    if (!this.worker || this.failed) return false;
    try {
      this.worker.postMessage(message, transfer);
      return true;
    } catch (error) {
      this.fail(`The page could not talk to the training worker: ${error.message || error}`);
      return false;
    }
  }

  nextRequestId() {
    this.lastRequestId += 1;
    return this.lastRequestId;
  }

  /**
   * Posts a message that is answered by request id; returns the id (0 when there is no working
   * worker to send it to). `transfer` lists the buffers handed over.
   */
  request(message, transfer = []) {
    const requestId = this.nextRequestId();
    return this.post({ ...message, requestId }, transfer) ? requestId : 0;
  }

  /**
   * Asks the core whether a configuration is valid.
   * @returns {Promise<{ok: boolean, message?: string, setting?: string, stale?: boolean}>}
   */
  checkConfig(config) {
    const requestId = this.nextRequestId();
    return new Promise((resolve) => {
      this.pendingChecks.set(requestId, resolve);
      if (!this.post({ type: ToWorker.CHECK_CONFIG, requestId, config })) {
        this.pendingChecks.delete(requestId);
        resolve({ stale: true });
      }
    });
  }

  /**
   * Sends a drawing to classify; the answer arrives through onMessage as PREDICTION (or ERROR)
   * carrying the returned request id. `ink` is transferred (one byte per pixel).
   */
  predict(ink, width, height) {
    const requestId = this.nextRequestId();
    this.post({ type: ToWorker.PREDICT, requestId, width, height, ink }, [ink]);
    return requestId;
  }

  receive(message) {
    if (!message || typeof message.type !== 'string') return;
    if (message.type === FromWorker.CONFIG_CHECKED) {
      this.answerCheck(message.requestId, message);
      return;
    }
    if (message.type === FromWorker.ERROR) {
      if (message.requestId != null && this.pendingChecks.has(message.requestId)) {
        this.answerCheck(message.requestId, { ok: false, message: message.message, setting: '' });
        if (!message.fatal) return;
      }
      if (message.fatal) {
        // The worker said it cannot go on: stop it now so nothing more arrives from it.
        this.failed = true;
        this.stop();
      }
    }
    this.deliver(message);
  }

  answerCheck(requestId, answer) {
    const resolve = this.pendingChecks.get(requestId);
    if (!resolve) return;
    this.pendingChecks.delete(requestId);
    resolve(answer);
  }

  /** The worker is unusable: say why, as a fatal ERROR, and wait for reset(). */
  fail(message) {
    this.failed = true;
    this.stop();
    this.deliver({ type: FromWorker.ERROR, message, fatal: true });
  }

  deliver(message) {
    try {
      this.onMessage(message);
    } catch (error) {
      // A bug in a view must not stop the messages that follow.
      console.error(error);
    }
  }
}
