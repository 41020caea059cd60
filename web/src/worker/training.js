// A training run in short slices: each slice trains for about SLICE_MS, reports progress and
// yields, so the worker answers pause, reset and predictions within one slice.
import { FromWorker, State } from '../shared/protocol.js';
import { fail, post, setState, worker } from './context.js';
import { evaluationReport } from './evaluation-report.js';
import { modelInfo } from './model-info.js';
import { announceModel, keepFinishedModel, rememberBaseModel, restoreBaseModel } from './models.js';
import { maybeSendWeights, sendWeights } from './weights.js';

const SLICE_MS = 40; // one slice of training between message checks
const STEP_TARGET_MS = 8; // each session.step call aims at this much work

let speedCap = null; // samples per second, or null for full speed

export function setSpeed(samplesPerSecond) {
  speedCap = Number.isFinite(samplesPerSecond) && samplesPerSecond > 0 ? samplesPerSecond : null;
}

export function start({ config, requestId }) {
  const { session } = worker;
  if (!worker.dataReady) {
    fail('the data is still loading: start again when it is ready', { requestId });
    return;
  }
  if (worker.state !== State.TRAINING && worker.state !== State.PAUSED) rememberBaseModel();
  try {
    session.start(config);
  } catch (error) {
    post({ type: FromWorker.ERROR, message: error.message, setting: error.setting, fatal: false, requestId });
    return;
  }
  worker.run = {
    config: { ...config },
    startedAt: performance.now(),
    pausedMs: 0, // time spent paused, left out of the elapsed time
    pausedAt: null,
    trainedSamples: 0,
    budget: 256, // samples per session.step, adapted to STEP_TARGET_MS
    throughput: 0, // smoothed samples per second
  };
  announceModel(modelInfo(session, 'trained', { preset: config.preset, epochs: 0 }));
  setState(State.TRAINING);
  scheduleSlice(0);
}

export function pause() {
  if (worker.state !== State.TRAINING) return;
  worker.run.pausedAt = performance.now();
  setState(State.PAUSED);
}

export function resume() {
  if (worker.state !== State.PAUSED) return;
  const { run } = worker;
  if (run.pausedAt !== null) run.pausedMs += performance.now() - run.pausedAt;
  run.pausedAt = null;
  setState(State.TRAINING);
  scheduleSlice(0);
}

/** Stops the run and brings back the model that was active before it. */
export function reset() {
  const { session } = worker;
  if (!session) return;
  const hadRun = worker.run !== null;
  worker.run = null;
  session.stop();
  if (worker.state === State.LOADING) return; // loading goes on; nothing was trained yet
  if (hadRun) {
    try {
      restoreBaseModel();
    } catch (error) {
      console.warn(`could not restore the previous model: ${error.message}`);
    }
  }
  setState(worker.dataReady ? State.READY : State.ERROR);
}

// A zero-delay yield to the event loop (setTimeout is clamped to 4 ms when nested).
const channel = new MessageChannel();
channel.port1.onmessage = () => runSlice();
function scheduleSlice(delayMs) {
  if (delayMs > 0) setTimeout(runSlice, delayMs);
  else channel.port2.postMessage(null);
}

function runSlice() {
  const { run, session } = worker;
  if (worker.state !== State.TRAINING || !run) return;
  const sliceStart = performance.now();
  // At a capped speed, a slice may train only its share of samples.
  let allowance = speedCap ? Math.max(1, Math.round((speedCap * SLICE_MS) / 1000)) : Infinity;
  const losses = [];
  let lossCount = 0;
  let sliceSamples = 0;
  let sliceTrainMs = 0;
  let last = null;
  try {
    while (worker.state === State.TRAINING && allowance > 0 && performance.now() - sliceStart < SLICE_MS) {
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
        run.budget = Math.max(run.config.batchSize, Math.min(1 << 16, Math.round(rate * STEP_TARGET_MS)));
      }
      if (step.epochFinished) finishEpoch();
      if (step.phase === 'diverged') {
        diverged();
        break;
      }
      if (step.finished) {
        finishRun();
        break;
      }
    }
  } catch (error) {
    fail(`training stopped: ${error.message}`, { fatal: true });
    return;
  }
  const sliceMs = performance.now() - sliceStart;
  run.trainedSamples += sliceSamples;
  if (sliceTrainMs > 0) {
    // At a capped speed the pace is the cap (the waits between slices count), else the compute rate.
    const pace = speedCap
      ? Math.min(speedCap, (1000 * sliceSamples) / SLICE_MS)
      : (1000 * sliceSamples) / sliceTrainMs;
    run.throughput = run.throughput === 0 ? pace : 0.8 * run.throughput + 0.2 * pace;
  }
  if (last) postProgress(last, losses, lossCount, sliceSamples, sliceTrainMs);
  maybeSendWeights();
  if (worker.state === State.TRAINING) scheduleSlice(speedCap ? Math.max(0, SLICE_MS - sliceMs) : 0);
}

/** Wall time since Start, without the time spent paused. */
function elapsedSeconds(run) {
  return (performance.now() - run.startedAt - run.pausedMs) / 1000;
}

function postProgress(step, losses, lossCount, sliceSamples, sliceTrainMs) {
  const { run, session } = worker;
  const all = new Float32Array(lossCount);
  let offset = 0;
  for (const part of losses) {
    all.set(part, offset);
    offset += part.length;
  }
  const { epochs } = run.config;
  const totalSamples = session.trainCount() * epochs;
  const done = Math.min(run.trainedSamples, totalSamples);
  const rate = run.throughput;
  post(
    {
      type: FromWorker.PROGRESS,
      phase: step.phase,
      epoch: step.epoch,
      batch: step.batch,
      batchesPerEpoch: step.batchesPerEpoch,
      epochs,
      losses: all,
      samplesPerSecond:
        speedCap || sliceTrainMs === 0 ? run.throughput : (1000 * sliceSamples) / sliceTrainMs,
      elapsedSeconds: elapsedSeconds(run),
      remainingSeconds: rate > 0 ? (totalSamples - done) / rate : null,
      wasmHeapBytes: worker.nn.HEAPU8.byteLength,
    },
    [all.buffer],
  );
}

function finishEpoch() {
  const { run, session } = worker;
  const epoch = session.lastEpoch();
  post({
    type: FromWorker.EPOCH,
    epoch: epoch.epoch,
    trainLoss: epoch.trainLoss,
    valLoss: epoch.valLoss,
    valAccuracy: epoch.valAccuracy,
    testAccuracy: epoch.testAccuracy,
    testLoss: epoch.testLoss,
    seconds: elapsedSeconds(run),
  });
  announceModel(
    modelInfo(session, 'trained', {
      preset: run.config.preset,
      epochs: epoch.epoch,
      testAccuracy: epoch.testAccuracy,
    }),
  );
}

function finishRun() {
  const { run, session } = worker;
  const { message, transfer } = evaluationReport();
  post({ type: FromWorker.DONE, seconds: elapsedSeconds(run), ...message }, transfer);
  announceModel(
    modelInfo(session, 'trained', {
      preset: run.config.preset,
      epochs: run.config.epochs,
      testAccuracy: message.testAccuracy,
    }),
  );
  keepFinishedModel(run.config);
  sendWeights();
  setState(State.DONE);
}

function diverged() {
  const message = worker.session.divergence();
  post({ type: FromWorker.ERROR, message, fatal: false, diverged: true });
  sendWeights();
  setState(State.ERROR, message);
}
