// A training run in short slices: each slice trains for about SLICE_MS, reports progress and
// yields, so the worker answers pause, reset and drawings within one slice.
import { announceState, clearOutcome, running, worker } from '../../../lib/worker/context.js';
import { emit, exclusive } from '../../../lib/worker/serve.js';
import { emitEvaluation, emitLastEvaluation } from '../../insights/worker/evaluation.js';
import { maybeSendWeights, sendWeights } from '../../insights/worker/weights.js';
import {
  announceTrainingModel,
  augmentOf,
  hasBaseModel,
  modelStored,
  rememberBaseModel,
  restoreBaseModel,
  settleTrainedModel,
} from '../../model/worker/models.js';
import { maybeSendBatchSamples, resetBatchSamples } from './batch-samples.js';
import { SliceLoop } from './slice-loop.js';

const SLICE_MS = 40; // one slice of training between message checks
const STEP_TARGET_MS = 8; // each session.step call aims at this much work

/** @typedef {import('../shared/contract.js').TrainConfig} TrainConfig */

/** samples per second, or null for full speed */
let speedCap = /** @type {number | null} */ (null);
/** What the run's model is told about: its dataset and class names, fixed at Start. */
let runDetails =
  /** @type {{dataset: string, classNames: string[] | null, fineTuned?: {digits: number, base: string} | null}} */ ({
    dataset: '',
    classNames: null,
  });
/** Called once the run in progress finishes (a fine-tuning reports its result). */
let runDone = /** @type {(() => void) | null} */ (null);

const loop = new SliceLoop(runSlice);

/** set-speed: a watchable cap in samples per second, or null for full speed. */
function setSpeed(/** @type {{samplesPerSecond: number | null}} */ { samplesPerSecond }) {
  speedCap =
    typeof samplesPerSecond === 'number' && Number.isFinite(samplesPerSecond) && samplesPerSecond > 0
      ? samplesPerSecond
      : null;
  return {};
}

/** check-config: the core's verdict on a configuration, and its description of it. */
function checkConfig(/** @type {{config: TrainConfig}} */ { config }) {
  const samples = worker.dataName ? worker.session.trainCount() : 51000;
  const verdict = worker.nn.checkConfig(config, samples);
  let description = '';
  try {
    description = worker.nn.describeConfig(config);
  } catch {
    // A configuration the core cannot read has no description; the verdict says why.
  }
  return { ...verdict, description };
}

/** start: a new run with a fresh network (a run in progress is replaced). */
function start(/** @type {{config: TrainConfig, classNames?: string[]}} */ { config, classNames }) {
  const { session } = worker;
  if (!worker.dataName) throw new Error('the data is still loading: start again when it is ready');
  if (!running()) rememberBaseModel();
  session.start(config); // throws the core's message (and `setting`) for an invalid config
  beginRun(config, {
    dataset: worker.dataName,
    classNames: Array.isArray(classNames) ? classNames.map(String) : null,
  });
  return { description: worker.nn.describeConfig(config) };
}

/**
 * Drives the run the session has just begun (a new network, or a fine-tuning: features/teach)
 * like any other: progress, epochs, Pause, Reset, and the model it settles on.
 * @param {TrainConfig} config
 * @param {{dataset: string, classNames: string[] | null,
 *   fineTuned?: {digits: number, base: string} | null}} details  what its model is told about
 * @param {() => void} [onDone]  after the run finished and its model settled
 */
export function beginRun(config, details, onDone) {
  const run = {
    config: { ...config },
    paused: false,
    startedAt: performance.now(),
    pausedMs: 0,
    pausedAt: null,
    trainedSamples: 0,
    budget: 256,
    throughput: 0,
    evaluationMs: 0,
    evaluations: 0,
  };
  worker.run = run;
  runDetails = details;
  runDone = onDone ?? null;
  clearOutcome();
  resetBatchSamples();
  if (details.fineTuned) emit('run-begun', { config: run.config, fineTuned: details.fineTuned });
  announceTrainingModel(modelDetails(0, null));
  announceState();
  loop.wake();
}

/** What the run's model is, after `epochs` epochs. */
function modelDetails(/** @type {number} */ epochs, /** @type {number | null} */ testAccuracy) {
  const { config } = /** @type {import('../../../lib/worker/context.js').Run} */ (worker.run);
  return { preset: config.preset, epochs, testAccuracy, config, augment: augmentOf(config), ...runDetails };
}

function pause() {
  const { run } = worker;
  if (run && !run.paused) {
    run.paused = true;
    run.pausedAt = performance.now();
    announceState();
  }
  return {};
}

function resume() {
  const { run } = worker;
  if (run && run.paused) {
    if (run.pausedAt !== null) run.pausedMs += performance.now() - run.pausedAt;
    run.pausedAt = null;
    run.paused = false;
    announceState();
    loop.wake(); // a slice still pending from before the pause goes on instead
  }
  return {};
}

/** reset: stops the run and brings back the model that was active before it; answers once the
 *  browser's store holds that model (or has forgotten the run's). */
async function reset() {
  const hadRun = running();
  worker.run = null;
  worker.session.stop();
  if (hadRun || hasBaseModel()) {
    clearOutcome();
    try {
      restoreBaseModel();
    } catch (error) {
      console.warn(`could not restore the previous model: ${error instanceof Error ? error.message : error}`);
    }
    announceState();
    emitEvaluation(); // the insights show the model the pad uses again
  } else if (worker.outcome) {
    clearOutcome();
    announceState();
  }
  await modelStored();
  return {};
}

function runSlice() {
  const { run, session } = worker;
  if (!run || run.paused) return;
  const sliceStart = performance.now();
  // At a capped speed, a slice may train only its share of samples.
  let allowance = speedCap ? Math.max(1, Math.round((speedCap * SLICE_MS) / 1000)) : Infinity;
  /** @type {Float32Array[]} */
  const losses = [];
  let lossCount = 0;
  let sliceSamples = 0;
  let sliceTrainMs = 0;
  let last = null;
  let ended = false;
  while (allowance > 0 && performance.now() - sliceStart < SLICE_MS) {
    const stepStart = performance.now();
    const step = session.step(Math.min(run.budget, allowance));
    const stepMs = performance.now() - stepStart;
    last = step;
    if (step.batchesTrained > 0) {
      const stepLosses = session.stepLosses().slice();
      losses.push(stepLosses);
      lossCount += stepLosses.length;
      sliceSamples += step.samplesTrained;
      sliceTrainMs += stepMs;
      if (speedCap) allowance -= step.samplesTrained;
      // Aim each step at STEP_TARGET_MS of work, whatever the network's size.
      const rate = step.samplesTrained / Math.max(stepMs, 0.05);
      run.budget = Math.max(run.config.batchSize ?? 1, Math.min(1 << 16, Math.round(rate * STEP_TARGET_MS)));
    } else {
      run.evaluationMs += stepMs; // a chunk of the validation or test set after an epoch
    }
    if (step.epochFinished) finishEpoch();
    if (step.phase === 'diverged' || step.finished) {
      ended = true;
      break;
    }
  }
  run.trainedSamples += sliceSamples;
  if (sliceTrainMs > 0) {
    // At a capped speed the pace is the cap (the waits between slices count), else the compute rate.
    const pace = speedCap
      ? Math.min(speedCap, (1000 * sliceSamples) / SLICE_MS)
      : (1000 * sliceSamples) / sliceTrainMs;
    run.throughput = run.throughput === 0 ? pace : 0.8 * run.throughput + 0.2 * pace;
  }
  if (last) postProgress(last, losses, lossCount, sliceSamples, sliceTrainMs);
  if (sliceSamples > 0) maybeSendBatchSamples();
  if (ended && last?.phase === 'diverged') diverged();
  else if (ended) finishRun();
  else {
    maybeSendWeights();
    const sliceMs = performance.now() - sliceStart;
    loop.wake(speedCap ? Math.max(0, SLICE_MS - sliceMs) : 0);
  }
}

/** Wall time since Start, without the time spent paused. */
function elapsedSeconds(/** @type {import('../../../lib/worker/context.js').Run} */ run) {
  return (performance.now() - run.startedAt - run.pausedMs) / 1000;
}

function postProgress(
  /** @type {import('../../../../../cpp/wasm/nn').StepReport} */ step,
  /** @type {Float32Array[]} */ losses,
  /** @type {number} */ lossCount,
  /** @type {number} */ sliceSamples,
  /** @type {number} */ sliceTrainMs,
) {
  const run = /** @type {import('../../../lib/worker/context.js').Run} */ (worker.run);
  const all = new Float32Array(lossCount);
  let offset = 0;
  for (const part of losses) {
    all.set(part, offset);
    offset += part.length;
  }
  const epochs = run.config.epochs ?? 1;
  const totalSamples = worker.session.runTrainCount() * epochs;
  const done = Math.min(run.trainedSamples, totalSamples);
  const rate = run.throughput;
  const remainingSeconds =
    rate > 0 ? (totalSamples - done) / rate + evaluationSecondsLeft(run, epochs, rate) : null;
  emit(
    'progress',
    {
      phase: step.phase,
      epoch: step.epoch,
      batch: step.batch,
      batchesPerEpoch: step.batchesPerEpoch,
      epochs,
      losses: all,
      samplesPerSecond:
        speedCap || sliceTrainMs === 0 ? run.throughput : (1000 * sliceSamples) / sliceTrainMs,
      elapsedSeconds: elapsedSeconds(run),
      remainingSeconds,
      wasmHeapBytes: worker.nn.HEAPU8.byteLength,
    },
    [all.buffer],
  );
}

/**
 * The time the evaluations after the remaining epochs will take: as the finished ones took, or
 * before the first, the validation and test sets at three times the training rate (a forward pass
 * is about a third of a training step's work). It matters for a CNN: about a tenth of its epoch.
 */
function evaluationSecondsLeft(
  /** @type {import('../../../lib/worker/context.js').Run} */ run,
  /** @type {number} */ epochs,
  /** @type {number} */ rate,
) {
  const { session } = worker;
  const perEpoch =
    run.evaluations > 0
      ? run.evaluationMs / run.evaluations / 1000
      : (session.validationCount() + session.testCount()) / (3 * rate);
  return Math.max(0, epochs - run.evaluations) * perEpoch;
}

function finishEpoch() {
  const run = /** @type {import('../../../lib/worker/context.js').Run} */ (worker.run);
  const epoch = worker.session.lastEpoch();
  if (!epoch) return;
  run.evaluations = epoch.epoch;
  emit('epoch', {
    epoch: epoch.epoch,
    trainLoss: epoch.trainLoss,
    valLoss: epoch.valLoss,
    valAccuracy: epoch.valAccuracy,
    testAccuracy: epoch.testAccuracy,
    testLoss: epoch.testLoss,
    seconds: elapsedSeconds(run),
  });
  announceTrainingModel(modelDetails(epoch.epoch, epoch.testAccuracy));
}

function finishRun() {
  const run = /** @type {import('../../../lib/worker/context.js').Run} */ (worker.run);
  const result = worker.session.testResult();
  emit('done', { seconds: elapsedSeconds(run), testAccuracy: result.accuracy, testLoss: result.loss });
  settleTrainedModel(modelDetails(run.config.epochs ?? 1, result.accuracy));
  worker.run = null;
  worker.outcome = 'done';
  emitLastEvaluation();
  sendWeights();
  // Its result reaches the page before the state does: a page that sees 'done' has the result.
  const done = runDone;
  runDone = null;
  done?.();
  announceState();
}

function diverged() {
  const message = worker.session.divergence();
  worker.run = null;
  worker.outcome = 'diverged';
  worker.outcomeMessage = message;
  emit('diverged', { message });
  sendWeights();
  announceState();
}

export const trainingHandlers = {
  'check-config': checkConfig,
  start: exclusive(start),
  pause,
  resume,
  reset,
  'set-speed': setSpeed,
};
