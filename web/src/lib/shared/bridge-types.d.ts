// Types that turn the worker's handler table into the page's call() signature, so each call is
// declared once: by the handler that answers it (see lib/worker/serve.js and protocol.js).
import type { Transfer } from '../worker/serve.js';

/** What the worker gives a handler besides its payload. */
export interface CallContext {
  /** Aborted when the page cancels the call (its AbortSignal) or the worker stops. */
  signal: AbortSignal;
}

/** A handler: (payload, context) => value, a Transfer of a value, or a promise of either. */
export type Handler = (payload: any, context: CallContext) => unknown;

/** The payload a handler takes (calls without one take an empty object). */
export type PayloadOf<H> = H extends (payload: infer P, ...rest: any[]) => unknown
  ? unknown extends P
    ? Record<string, never>
    : P
  : never;

/** What the page receives: the handler's value, unwrapped from a promise and a Transfer. */
export type ResultOf<H> = H extends (...args: any[]) => infer R ? Unwrap<Awaited<R>> : never;
type Unwrap<R> = R extends Transfer<infer T> ? T : R;
