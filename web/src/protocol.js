// The page and the training worker talk through one request/response layer (lib/shared/wire.js):
// the page calls, the worker answers, and the worker's news travels as events. This file types the
// whole protocol once: the calls are the worker's handlers (worker.js; each feature's worker part
// writes its own, and its shared/contract.js says what it takes and gives), the events are listed
// below from the same contracts.

/** The states the page shows (data-state of the status element). */
export const State = Object.freeze({
  LOADING: 'loading',
  READY: 'ready',
  TRAINING: 'training',
  PAUSED: 'paused',
  DONE: 'done',
  ERROR: 'error',
});

/** @typedef {(typeof State)[keyof typeof State]} StateName */

/** @typedef {typeof import('./worker.js').handlers} Handlers */

/**
 * @typedef {object} LifecycleEvents
 * @property {{state: StateName, message: string}} state  the worker's state changed; `message`
 *   says why it is in the error state
 * @property {{message: string}} fatal  the worker cannot go on (the bridge replaces it on Retry)
 * @property {{}} started                sent by the bridge: a new worker (earlier calls are gone)
 */

/**
 * @typedef {LifecycleEvents
 *   & import('./features/training/shared/contract.js').TrainingEvents
 *   & import('./features/model/shared/contract.js').ModelEvents
 *   & import('./features/dataset/shared/contract.js').DatasetEvents
 *   & import('./features/insights/shared/contract.js').InsightsEvents
 *   & import('./features/teach/shared/contract.js').TeachEvents} Events
 */
