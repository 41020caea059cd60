// How the page and the training worker talk: every message is one of four plain objects.
//   page -> worker   {kind: 'call', id, type, payload}     ask for something; answered once
//                    {kind: 'cancel', id}                  the caller no longer wants the answer
//   worker -> page   {kind: 'reply', id, ok: true, value}  the answer to call `id`
//                    {kind: 'reply', id, ok: false, error}  ... or why there is none
//                    {kind: 'event', type, payload}        news nobody asked for in particular:
//                                                          state, progress, the active model
// Ids are the page's and never repeat (not even across workers), so a reply always finds its
// caller or nobody. Big buffers travel transferred, never copied. The calls and events are typed
// in ../../protocol.js; this file is the envelope.

/**
 * @typedef {object} WireError  an Error, as it crosses: the message a person reads, and what a
 *   program needs to act on it
 * @property {string} message
 * @property {string} name       'Error', 'AbortError' (the call was cancelled), 'WorkerStopped'
 * @property {string} [setting]  the configuration field a core error names (learning_rate, ...)
 */

/**
 * @typedef {{kind: 'call', id: number, type: string, payload: unknown}} CallMessage
 * @typedef {{kind: 'cancel', id: number}} CancelMessage
 * @typedef {{kind: 'reply', id: number, ok: true, value: unknown}
 *   | {kind: 'reply', id: number, ok: false, error: WireError}} ReplyMessage
 * @typedef {{kind: 'event', type: string, payload: unknown}} EventMessage
 * @typedef {CallMessage | CancelMessage} ToWorker
 * @typedef {ReplyMessage | EventMessage} FromWorker
 */

/** An Error as it crosses to the page. */
export function toWireError(/** @type {unknown} */ error) {
  if (error instanceof Error) {
    /** @type {WireError} */
    const wire = { message: error.message, name: error.name };
    const setting = /** @type {{setting?: unknown}} */ (error).setting;
    if (typeof setting === 'string' && setting) wire.setting = setting;
    return wire;
  }
  return { message: String(error), name: 'Error' };
}

/** A WireError as an Error on the page (name and setting kept). */
export function fromWireError(/** @type {WireError} */ wire) {
  const error = /** @type {Error & {setting?: string}} */ (new Error(wire.message));
  error.name = wire.name || 'Error';
  if (wire.setting) error.setting = wire.setting;
  return error;
}

/** The error a cancelled call ends with, on either side. */
export function abortError(message = 'cancelled') {
  return new DOMException(message, 'AbortError');
}

/** Whether an error says the call was cancelled (not that something went wrong). */
export function isAbort(/** @type {unknown} */ error) {
  return error instanceof Error || error instanceof DOMException ? error.name === 'AbortError' : false;
}
