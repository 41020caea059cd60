// The page's side of the one request/response layer (lib/shared/wire.js): call(type, payload,
// {signal}) returns a promise of the worker's answer; events (state, progress, the model) reach
// whoever listens with on(type, listener). It owns the worker: starts it, replaces it after a
// failure, and turns a worker that died into a 'fatal' event and a rejection of every call still
// waiting, so no caller waits forever.
// Written here rather than taken from comlink: comlink proxies functions and objects, but what
// this page needs is named messages it can log and test (the e2e suite reads them), cancellation
// of a queued call, and one stream of events from a worker that may die and be replaced; that is
// about as many lines as the comlink glue would be.
import { abortError, fromWireError } from '../shared/wire.js';

/**
 * @typedef {import('../../protocol.js').Handlers} Handlers
 * @typedef {import('../../protocol.js').Events} Events
 * @typedef {import('../shared/wire.js').FromWorker} FromWorker
 */

/** A call cannot be answered: the worker stopped (it failed, or it is being replaced). */
export class WorkerStopped extends Error {
  constructor(message = 'the network stopped') {
    super(message);
    this.name = 'WorkerStopped';
  }
}

export class WorkerBridge {
  /** @type {Worker | null} */
  #worker = null;
  #failed = false;
  #lastId = 0;
  /** @type {Map<number, {resolve: (value: any) => void, reject: (error: Error) => void,
   *   done: () => void}>} */
  #pending = new Map();
  /** @type {Map<string, Set<(payload: any) => void>>} */
  #listeners = new Map();
  #createWorker;

  /** @param {() => Worker} createWorker */
  constructor(createWorker) {
    this.#createWorker = createWorker;
  }

  /** A worker is there to answer. */
  get alive() {
    return this.#worker !== null && !this.#failed;
  }

  /** The worker stopped and waits for restart(). */
  get failed() {
    return this.#failed;
  }

  /** Creates the worker ('started' tells listeners that earlier calls are gone). */
  start() {
    this.#failed = false;
    let worker;
    try {
      worker = this.#createWorker();
    } catch (error) {
      this.#fail(`The training worker could not start: ${messageOf(error)}`);
      return;
    }
    this.#worker = worker;
    // Only the current worker speaks: a replaced one's late messages are dropped.
    worker.onmessage = (event) => {
      if (worker === this.#worker) this.#receive(event.data);
    };
    worker.onerror = (event) => {
      if (worker !== this.#worker) return;
      event.preventDefault();
      const where = event.filename ? ` (${event.filename.split('/').pop()}:${event.lineno})` : '';
      this.#fail(`The training worker stopped: ${event.message || 'it could not be loaded'}${where}`);
    };
    worker.onmessageerror = () => {
      if (worker === this.#worker) this.#fail('The training worker sent a message the page could not read.');
    };
    this.#emit('started', {});
  }

  /** Terminates the worker and starts a new one. */
  restart() {
    this.#stop(new WorkerStopped('the network was restarted'));
    this.start();
  }

  /**
   * Asks the worker; resolves with its answer or rejects with its error (an AbortError when
   * `signal` aborts first, a WorkerStopped when the worker dies first).
   * @template {keyof Handlers & string} K
   * @param {K} type
   * @param {import('../shared/bridge-types').PayloadOf<Handlers[K]>} payload
   * @param {{signal?: AbortSignal, transfer?: Transferable[]}} [options]
   * @returns {Promise<import('../shared/bridge-types').ResultOf<Handlers[K]>>}
   */
  call(type, payload, { signal, transfer = [] } = {}) {
    const worker = this.#worker;
    if (!worker || this.#failed) return Promise.reject(new WorkerStopped());
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    this.#lastId += 1;
    const id = this.#lastId;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.#pending.delete(id)) return;
        worker.postMessage({ kind: 'cancel', id });
        reject(abortReason(/** @type {AbortSignal} */ (signal)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, { resolve, reject, done: () => signal?.removeEventListener('abort', onAbort) });
      try {
        worker.postMessage({ kind: 'call', id, type, payload }, transfer);
      } catch (error) {
        this.#settle(id, () => reject(error instanceof Error ? error : new Error(String(error))));
      }
    });
  }

  /**
   * Listens to an event; returns the function that stops listening.
   * @template {keyof Events & string} K
   * @param {K} type
   * @param {(payload: Events[K]) => void} listener
   */
  on(type, listener) {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The worker cannot go on: say why (a 'fatal' event) and wait for restart(). */
  fail(/** @type {string} */ message) {
    this.#fail(message);
  }

  /** @param {FromWorker} message */
  #receive(message) {
    if (!message || typeof message !== 'object') return;
    if (message.kind === 'reply') {
      const reply = message;
      this.#settle(reply.id, (entry) =>
        reply.ok ? entry.resolve(reply.value) : entry.reject(fromWireError(reply.error)),
      );
    } else if (message.kind === 'event') {
      if (message.type === 'fatal') {
        this.#fail(/** @type {{message: string}} */ (message.payload).message);
      } else {
        this.#emit(message.type, message.payload);
      }
    }
  }

  /** @param {number} id  @param {(entry: {resolve: Function, reject: Function}) => void} how */
  #settle(id, how) {
    const entry = this.#pending.get(id);
    if (!entry) return; // cancelled, or answered by a worker since replaced
    this.#pending.delete(id);
    entry.done();
    how(entry);
  }

  /** @param {string} message */
  #fail(message) {
    this.#failed = true;
    this.#stop(new WorkerStopped(message));
    this.#emit('fatal', { message });
  }

  /** @param {WorkerStopped} reason */
  #stop(reason) {
    this.#worker?.terminate();
    this.#worker = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of pending) {
      entry.done();
      entry.reject(reason);
    }
  }

  /** @param {string} type  @param {unknown} payload */
  #emit(type, payload) {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // A bug in one view must not stop the others from hearing the news.
        console.error(error);
      }
    }
  }
}

/** The AbortError a cancelled call rejects with: the signal's own reason, if it is one. */
function abortReason(/** @type {AbortSignal} */ signal) {
  const reason = signal.reason;
  return reason instanceof Error || reason instanceof DOMException
    ? reason.name === 'AbortError'
      ? reason
      : abortError(reason.message)
    : abortError();
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
