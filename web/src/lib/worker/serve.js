// The worker's side of the request/response layer (lib/shared/wire.js): each call runs its
// handler and is answered once, with the value or the error; cancel aborts the handler's signal.
// Handlers marked exclusive() change the session (its data, its model, its run) and run one at a
// time, in the order they were called, each to its end: a data load that awaits the network
// cannot be overtaken by a Start, so no command sees another half done. The others (a drawing, a
// settings check, pause) are answered at once.
import { abortError, toWireError } from '../shared/wire.js';

/**
 * A handler's value with the buffers to transfer (not copy) to the page.
 * @template T
 */
export class Transfer {
  /**
   * @param {T} value
   * @param {Transferable[]} list
   */
  constructor(value, list) {
    this.value = value;
    this.list = list;
  }
}

/**
 * @template T
 * @param {T} value
 * @param {Transferable[]} list
 * @returns {Transfer<T>}
 */
export function transfer(value, list) {
  return new Transfer(value, list);
}

/**
 * Marks a handler as one that must not overlap another exclusive one.
 * @template {Function} H
 * @param {H} handler
 * @returns {H}
 */
export function exclusive(handler) {
  EXCLUSIVE.add(handler);
  return handler;
}
const EXCLUSIVE = new WeakSet();

/** The tail of the exclusive queue: each exclusive job starts when the one before has ended. */
let queue = Promise.resolve();

/**
 * Runs `job` in the exclusive queue (for work the worker starts itself, like the first load).
 * @template T
 * @param {() => T | Promise<T>} job
 * @returns {Promise<T>}
 */
export function runExclusive(job) {
  const result = queue.then(job);
  queue = result.then(
    () => {},
    () => {},
  );
  return result;
}

/**
 * Sends an event to the page.
 * @template {keyof import('../../protocol.js').Events & string} K
 * @param {K} type
 * @param {import('../../protocol.js').Events[K]} payload
 * @param {Transferable[]} [list]
 */
export function emit(type, payload, list = []) {
  self.postMessage({ kind: 'event', type, payload }, { transfer: list });
}

/** The module cannot go on (an abort inside wasm): the page must start a new worker. */
export function fatal(/** @type {unknown} */ error) {
  const message = error instanceof Error ? error.message : String(error);
  self.postMessage({ kind: 'event', type: 'fatal', payload: { message: `the worker stopped: ${message}` } });
}

/**
 * Answers the page's calls with `handlers` (type -> handler).
 * @param {Record<string, import('../shared/bridge-types').Handler>} handlers
 * @param {{ready?: Promise<unknown>, first?: string}} [options]  calls other than `first` wait
 *   for `ready` (the module)
 */
export function serve(handlers, { ready = Promise.resolve(), first = '' } = {}) {
  /** @type {Map<number, AbortController>} */
  const running = new Map();

  self.onmessage = (/** @type {MessageEvent<import('../shared/wire.js').ToWorker>} */ event) => {
    const message = event.data;
    if (message?.kind === 'cancel') {
      running.get(message.id)?.abort(abortError());
      return;
    }
    if (message?.kind !== 'call') return;
    const { id, type, payload } = message;
    const handler = Object.hasOwn(handlers, type) ? handlers[type] : null;
    if (!handler) {
      reply(id, Promise.reject(new Error(`unknown call '${type}'`)));
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const invoke = async () => {
      if (type !== first) await ready;
      if (controller.signal.aborted) throw abortError();
      return handler(payload ?? {}, { signal: controller.signal });
    };
    const answer = EXCLUSIVE.has(handler) ? runExclusive(invoke) : invoke();
    reply(
      id,
      answer.finally(() => running.delete(id)),
    );
  };

  self.onunhandledrejection = (event) => fatal(event.reason);
}

/** @param {number} id  @param {Promise<unknown>} answer */
function reply(id, answer) {
  answer.then(
    (result) => {
      if (result instanceof Transfer) {
        self.postMessage({ kind: 'reply', id, ok: true, value: result.value }, { transfer: result.list });
      } else {
        self.postMessage({ kind: 'reply', id, ok: true, value: result });
      }
    },
    (error) => {
      self.postMessage({ kind: 'reply', id, ok: false, error: toWireError(error) });
      // An abort inside wasm (out of memory, a bug) leaves the module unusable.
      if (error instanceof WebAssembly.RuntimeError) fatal(error);
    },
  );
}
