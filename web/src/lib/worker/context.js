// What every part of the worker shares: the wasm module, the core's Session, and the facts the
// worker's state is derived from. The state is never set by hand: each part changes its facts and
// calls announceState(), which works out the state and tells the page when it changed.
import { State } from '../../protocol.js';
import { emit } from './serve.js';

/**
 * @typedef {object} Run  the training run in progress (see features/training/worker)
 * @property {import('../../features/training/shared/contract.js').TrainConfig} config
 * @property {boolean} paused
 * @property {number} startedAt     performance.now() at Start
 * @property {number} pausedMs      time spent paused, left out of the elapsed time
 * @property {number | null} pausedAt
 * @property {number} trainedSamples
 * @property {number} budget        samples per session.step, adapted to a few ms of work
 * @property {number} throughput    smoothed samples per second
 * @property {number} evaluationMs  time spent testing after epochs (validation and test sets)
 * @property {number} evaluations   epochs whose evaluation is over
 */

export const worker = {
  /** @type {import('../../../../cpp/wasm/nn').NnModule} */
  nn: /** @type {any} */ (null),
  /** @type {import('../../../../cpp/wasm/nn').Session} */
  session: /** @type {any} */ (null),
  /** The data the session holds: 'MNIST' or the user's dataset's name; '' before any. */
  dataName: '',
  /** Where the MNIST files live (a folder URL) and the name of this deployment's storage. */
  dataUrl: '',
  storageName: '',
  /** @type {Run | null} */
  run: null,
  /** The first load (the pretrained model and MNIST, together) is still going on. */
  starting: true,
  /** The first data load failed: the page must start a new worker to try again. */
  loadError: '',
  /** How the last run ended, until the model or the data changes: 'done', 'diverged' or ''. */
  outcome: /** @type {'' | 'done' | 'diverged'} */ (''),
  outcomeMessage: '',
};

/** Training or paused: a run owns the network. */
export function running() {
  return worker.run !== null;
}

/** The worker's state, from its facts. */
export function currentState() {
  if (worker.run) return { state: worker.run.paused ? State.PAUSED : State.TRAINING, message: '' };
  if (worker.loadError) return { state: State.ERROR, message: worker.loadError };
  if (!worker.dataName || worker.starting) return { state: State.LOADING, message: '' };
  if (worker.outcome === 'done') return { state: State.DONE, message: '' };
  if (worker.outcome === 'diverged') return { state: State.ERROR, message: worker.outcomeMessage };
  return { state: State.READY, message: '' };
}

let announced = '';

/** Tells the page the state, when it changed. */
export function announceState() {
  const now = currentState();
  const key = `${now.state}\n${now.message}`;
  if (key === announced) return;
  announced = key;
  emit('state', now);
}

/** The model or the data changed: the last run's outcome no longer describes what is there. */
export function clearOutcome() {
  worker.outcome = '';
  worker.outcomeMessage = '';
}
