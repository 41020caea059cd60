// The page's wiring: one state object, the worker's messages applied to it, the buttons' handlers
// (each safe to call at any moment: they check the state and do nothing when it makes no sense),
// and render(), which makes every view agree with the state.
import { FromWorker, ToWorker, State } from '../shared/protocol.js';
import { WorkerClient } from './worker-client.js';
import { SettingsForm } from './controls.js';
import { RunHistory } from './run-history.js';
import { TrainingCharts } from './charts.js';
import { DrawingPad } from './pad.js';
import { PredictionView } from './prediction-view.js';
import { ActivationsView } from './activations-view.js';
import { StatusView } from './status-view.js';
import { describeModel } from './model-view.js';
import { ModelPanel } from './model-panel.js';
import { Insights } from './insights.js';
import { WeightsView } from './weights-view.js';
import { SessionRuns } from './session-runs.js';
import { ComparisonCharts } from './comparison-charts.js';
import { RunsView } from './runs-view.js';
import { runLabel } from './run-label.js';
import { Tutorial, TUTORIAL_STEPS } from './tutorial.js';
import { DatasetPanel } from './dataset-panel.js';
import { ClassNames, DIGIT_NAMES, FASHION_NAMES } from './class-names.js';
import { installShortcuts } from './keyboard.js';
import { registerOfflineSupport } from './offline.js';
import { integer, loss as formatLoss, percent, sentence } from './format.js';

/** How often the drawing is read again while the network learns (ms). */
const LIVE_CLASSIFY_MS = 1000;
/** Pause after an edit before asking the core about the settings (ms). */
const CHECK_DELAY_MS = 150;
/** Loading that says nothing for this long has stalled (a download that stopped, say) (ms). */
const LOADING_SILENCE_MS = 45000;
/** Pause between the tutorial's runs, so each one's result can be seen (ms). */
const TUTORIAL_PAUSE_MS = 600;

const $ = (id) => document.getElementById(id);

const page = {
  state: State.LOADING,
  error: '', // the message of the error state
  notice: '', // a message from the worker that changed no state, shown until the next state
  download: null, // {loaded, total} while the data downloads
  data: null, // the DATA_READY counts once the data is parsed
  model: null, // ModelInfo of the model the pad uses
  progress: null, // the last PROGRESS of the run shown
  runActive: false, // a run was started and not reset: its messages go to the charts
  runName: '',
  starting: false, // Start pressed: checking the settings, or waiting for the worker to train
  check: { version: -1, ok: false, pending: false }, // the core's verdict on the form
  run: null, // the SessionRuns record of the run shown
  evaluationWanted: false, // the model changed: evaluate it on the test set when the worker can
  evaluationRequest: 0, // the EVALUATE awaiting its answer
  modelNames: '', // the class names the active model carries (JSON), '' when none
  dataNames: DIGIT_NAMES, // the class names that go with the data (digits, Fashion-MNIST's)
};

const history = new RunHistory();
const runs = new SessionRuns();
const tutorial = new Tutorial();
const client = new WorkerClient({
  dataUrl: new URL('data/', document.baseURI).href,
  modelUrl: new URL('models/pretrained.nnmf', document.baseURI).href,
  onMessage: receive,
  onStart: workerStarted,
});
const form = new SettingsForm($('settings'), { onEdit: scheduleCheck });
const status = new StatusView(document.querySelector('[data-testid="status"]'), { onRetry: reset });
const charts = new TrainingCharts({
  lossElement: $('loss-chart'),
  lossLegend: $('loss-legend'),
  accuracyElement: $('accuracy-chart'),
  accuracyLegend: $('accuracy-legend'),
  history,
});
const prediction = new PredictionView({
  root: $('prediction'),
  digit: $('prediction-digit'),
  text: $('prediction-text'),
  list: $('probabilities'),
  seen: $('seen'),
});
const activations = new ActivationsView({
  root: $('activations'),
  canvas: $('activations-canvas'),
  title: $('activations-title'),
  note: $('activations-note'),
});
const pad = new DrawingPad($('pad'), {
  onStrokeEnd: classify,
  onChange: (empty) => {
    $('pad-frame').dataset.empty = String(empty);
  },
});
const modelPanel = new ModelPanel({
  root: $('model-panel'),
  client,
  getClassNames: () => classNames.names,
  onUsePretrained: () => requestEvaluation(),
});
const insights = new Insights($('insights'));
const weights = new WeightsView({
  section: $('weights-panel'),
  canvas: $('weights'),
  summary: $('weights-summary'),
  onWatch: (enabled) => client.post({ type: ToWorker.WATCH_WEIGHTS, enabled }),
});
const comparisonCharts = new ComparisonCharts({
  accuracyElement: $('runs-accuracy-chart'),
  lossElement: $('runs-loss-chart'),
  runs,
});
const runsView = new RunsView({
  root: $('runs-panel'),
  runs,
  tutorial,
  charts: comparisonCharts,
  actions: {
    onRemove: (id) => {
      runs.remove(id);
      render();
    },
    onClear: () => {
      runs.clear();
      render();
    },
    onTutorial: beginTutorial,
    onStopTutorial: stopTutorial,
  },
});
const dataset = new DatasetPanel({ root: $('dataset-panel'), client, onLoaded: datasetChanged });
const classNames = new ClassNames($('class-names-fields'), { onChange: namesChanged });
$('class-names-fashion').addEventListener('click', () => classNames.set(FASHION_NAMES));
$('class-names-digits').addEventListener('click', () => classNames.set(DIGIT_NAMES));
namesChanged(classNames.names);
const speed = $('speed');
speed.addEventListener('change', () => {
  sendSpeed();
  render();
});

const buttons = { start: $('train-start'), pause: $('train-pause'), reset: $('train-reset') };
buttons.start.addEventListener('click', start);
buttons.pause.addEventListener('click', togglePause);
buttons.reset.addEventListener('click', reset);
$('clear').addEventListener('click', clearPad);
$('loss-scale').addEventListener('click', (event) => {
  const log = event.currentTarget.getAttribute('aria-pressed') !== 'true';
  event.currentTarget.setAttribute('aria-pressed', String(log));
  charts.setLogLoss(log);
});
installShortcuts({ onToggleRun: toggleRun, onClear: clearPad });

// ---- what the buttons may do now ----------------------------------------------------------

function formKnownInvalid() {
  if (!form.locallyValid) return true;
  const { version, ok, pending } = page.check;
  return version === form.version && !pending && !ok;
}

/** No run owns the network and the worker can take one. */
function idle() {
  return (
    page.state === State.READY || page.state === State.DONE || (page.state === State.ERROR && !client.failed)
  );
}

function running() {
  return page.state === State.TRAINING || page.state === State.PAUSED;
}

function canStart() {
  return (
    idle() &&
    !page.starting &&
    !tutorial.running &&
    page.data !== null &&
    form.hasPresets &&
    !formKnownInvalid()
  );
}

/** Why the model or the data cannot be replaced now ('' when they can). */
function busyReason(what) {
  if (!client.running) return 'The network stopped: press Retry.';
  if (running() || page.starting || tutorial.running) return `Reset the run to ${what}.`;
  if (page.state === State.LOADING) return 'Wait until the data has loaded.';
  return '';
}

function tutorialBlocker() {
  if (tutorial.running) return '';
  if (page.data && page.data.name !== 'MNIST')
    return "The tutorial's figures are for MNIST: go back to MNIST first.";
  if (!form.presets.seed || !form.presets['seed-ce']) return 'Waiting for the presets…';
  if (running() || page.starting) return 'Runs one after another once this run has finished or been reset.';
  if (!idle() || !page.data) return 'Available once the data has loaded.';
  return '';
}

function canReset() {
  return page.starting || [State.TRAINING, State.PAUSED, State.DONE, State.ERROR].includes(page.state);
}

// ---- actions ------------------------------------------------------------------------------

let startToken = 0;

/** Checks the settings with the core, then starts a run. Does nothing unless a run can start. */
async function start() {
  if (!canStart()) return;
  const config = form.read();
  if (!config) return;
  const token = ++startToken;
  const version = form.version;
  page.starting = true;
  render();
  const answer = await client.checkConfig(config);
  if (token !== startToken || !page.starting) return; // reset meanwhile
  if (answer.stale || !form.applyCheck(version, answer) || !answer.ok) {
    if (!answer.stale && form.version === version)
      page.check = { version, ok: Boolean(answer.ok), pending: false };
    page.starting = false;
    render();
    return;
  }
  page.check = { version, ok: true, pending: false };
  beginRun(config, { preset: form.presetName });
  if (!client.post({ type: ToWorker.START, config })) page.starting = false;
  // page.starting stays on until the worker reports its new state.
  render();
}

// ---- the tutorial, reproduced ------------------------------------------------------------

let tutorialTimer = 0;

function beginTutorial() {
  if (tutorialBlocker()) return;
  // Its four runs take about a minute at full speed; a watchable speed would take many.
  if (speed.value !== '') {
    speed.value = '';
    sendSpeed();
  }
  startTutorialStep(tutorial.begin());
}

/** Starts a step's run (the presets are the core's own, so they need no check). */
function startTutorialStep(step) {
  tutorialTimer = 0;
  if (!tutorial.running || tutorial.current !== step) return;
  const config = Tutorial.config(step, form.presets);
  if (!config || !idle() || page.starting || !page.data) {
    tutorial.stop();
    render();
    return;
  }
  startToken += 1;
  page.starting = true;
  beginRun(config, { preset: step.preset, tutorialStep: step.key });
  tutorial.started(page.run.id);
  if (!client.post({ type: ToWorker.START, config })) {
    page.starting = false;
    tutorial.stop();
  }
  render();
}

function stopTutorial() {
  clearTimeout(tutorialTimer);
  tutorialTimer = 0;
  const active = running() || page.starting;
  tutorial.stop();
  if (active) reset();
  else render();
}

function togglePause() {
  if (page.state === State.TRAINING) client.post({ type: ToWorker.PAUSE });
  else if (page.state === State.PAUSED) client.post({ type: ToWorker.RESUME });
}

function toggleRun() {
  if (page.state === State.TRAINING || page.state === State.PAUSED) togglePause();
  else start();
}

/** The worker failed, or never finished loading: Reset/Retry replaces it. */
function needsRestart() {
  return client.failed || page.data === null;
}

/** Stops the run and clears it; a failed worker (or one that never loaded) is replaced. */
function reset() {
  if (!canReset()) return;
  startToken += 1;
  clearTimeout(tutorialTimer);
  tutorialTimer = 0;
  tutorial.stop();
  const hadRun = page.runActive;
  page.starting = false;
  endRun('stopped');
  if (needsRestart()) {
    client.restart();
  } else {
    client.reset();
    // The worker brings back the model from before the run: look at it again.
    if (hadRun) requestEvaluation();
  }
  render();
}

function clearPad() {
  pad.clear();
  prediction.clear();
  activations.clear();
}

/** Sends the drawing to the worker; the answer to the latest request is shown. */
function classify() {
  if (pad.empty) return;
  const { ink, width, height } = pad.readInk();
  const requestId = client.predict(ink, width, height);
  prediction.expect(requestId);
  if (!client.running) prediction.fail(requestId, 'the network is not running: press Retry');
}

/** The weights changed: read the drawing again (not in the middle of a stroke). */
function classifyAgain() {
  if (!pad.empty && !pad.drawing) classify();
}

let liveTimer = 0;
function updateLiveClassification() {
  const live = page.state === State.TRAINING;
  if (live && !liveTimer) {
    liveTimer = setInterval(() => {
      if (!pad.empty && !pad.drawing && !prediction.waiting) classify();
    }, LIVE_CLASSIFY_MS);
  } else if (!live && liveTimer) {
    clearInterval(liveTimer);
    liveTimer = 0;
  }
}

/** A run starts: fresh charts, and a new record in the comparison. */
function beginRun(config, { preset, tutorialStep = null }) {
  if (page.run) runs.stop(page.run, 'stopped', history);
  history.clear();
  history.plan(config.epochs); // the x axis spans the run before its first batch
  const label = runLabel(config, preset, form.presets[preset], page.data?.name);
  page.run = runs.start({ label, preset, config, dataset: page.data?.name || 'MNIST', tutorialStep });
  page.runActive = true;
  page.runName = tutorialStep
    ? `${label} (the tutorial, ${tutorial.index + 1} of ${TUTORIAL_STEPS.length})`
    : label;
  page.progress = null;
  charts.invalidate();
}

/** The run is over before its end (reset, refused, diverged, the worker lost). */
function endRun(status) {
  if (page.run) runs.stop(page.run, status, history);
  page.run = null;
  history.clear();
  page.runActive = false;
  page.progress = null;
  charts.invalidate();
}

// ---- the model, its evaluation, the data and the class names ------------------------------

/** Asks for the test-set evaluation of the current model, now or once the worker is idle. */
function requestEvaluation() {
  page.evaluationWanted = true;
  sendWantedEvaluation();
}

function sendWantedEvaluation() {
  if (!page.evaluationWanted || !page.data || !idle() || page.starting || !client.running) return;
  if (!page.model || page.model.source === 'none') return;
  page.evaluationWanted = false;
  page.evaluationRequest = client.request({ type: ToWorker.EVALUATE });
}

let evaluationTimer = 0;
/** Shows an evaluation in a task of its own (building the matrix and the gallery takes a few
 *  milliseconds that should not add to the message's). */
function showEvaluation(evaluation, source) {
  clearTimeout(evaluationTimer);
  evaluationTimer = setTimeout(() => insights.show(evaluation, source), 0);
}

function modelSource() {
  const model = page.model;
  if (!model || model.source === 'none') return '';
  return capitalise(model.name || model.source);
}

/** The user's data (or MNIST again) replaced the old data. */
function datasetChanged({ name, fashion }) {
  page.dataNames = name !== 'MNIST' && fashion ? FASHION_NAMES : DIGIT_NAMES;
  classNames.set(page.dataNames);
  // Other data: show its class names, to check or edit them.
  $('class-names').open = name !== 'MNIST';
  page.modelNames = '';
}

/** The class names changed (typed, filled, or from a model file). */
function namesChanged(names) {
  prediction.setNames(names, page.data?.classes ?? 10);
  insights.setNames(names);
}

/** PROGRESS reports how fast a slice trains; at a capped speed the pace is the cap. */
function cappedProgress(progress) {
  const cap = Number(speed.value);
  if (!progress || !(cap > 0) || !(progress.samplesPerSecond > cap)) return progress;
  return { ...progress, samplesPerSecond: cap };
}

/** SET_SPEED from the select: '' is full speed. */
function sendSpeed() {
  const value = Number(speed.value);
  client.post({ type: ToWorker.SET_SPEED, samplesPerSecond: value > 0 ? value : null });
}

/** A new worker: requests to the old one will not be answered; settings are sent again once
 *  its module is up (PRESETS). */
function workerStarted() {
  modelPanel.forgetRequests();
  dataset.forgetRequests();
  page.evaluationRequest = 0;
  page.evaluationWanted = true;
}

function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

// ---- settings checks ----------------------------------------------------------------------

let checkTimer = 0;

/** After an edit (or new data or presets): ask the core about the form, a moment later. */
function scheduleCheck() {
  clearTimeout(checkTimer);
  page.check = { version: form.version, ok: false, pending: form.locallyValid };
  if (form.locallyValid) checkTimer = setTimeout(checkSettings, CHECK_DELAY_MS);
  render();
}

async function checkSettings() {
  const config = form.read();
  if (!config) return;
  const version = form.version;
  const answer = await client.checkConfig(config);
  if (answer.stale) return; // the worker was replaced; its PRESETS will ask again
  if (form.applyCheck(version, answer)) {
    page.check = { version, ok: answer.ok, pending: false };
    render();
  }
}

// ---- messages from the worker -------------------------------------------------------------

let lastHeard = performance.now();
let offlineRegistered = false;

function receive(message) {
  lastHeard = performance.now();
  switch (message.type) {
    case FromWorker.STATE:
      page.state = message.state;
      page.starting = false;
      page.notice = '';
      page.error =
        message.state === State.ERROR ? message.message || page.error || 'Something went wrong.' : '';
      if (message.state === State.LOADING) {
        page.data = null;
        page.download = null;
      }
      if (message.state === State.ERROR && tutorial.running) tutorial.stop();
      sendWantedEvaluation();
      render();
      break;
    case FromWorker.PRESETS:
      form.setPresets(message.presets);
      // The module is up: the page's settings for this worker.
      if (speed.value !== '') sendSpeed();
      if (weights.watching) client.post({ type: ToWorker.WATCH_WEIGHTS, enabled: true });
      scheduleCheck();
      break;
    case FromWorker.DATA_PROGRESS:
      page.download = { loaded: message.loaded, total: message.total };
      dataset.progress(message);
      scheduleRender();
      break;
    case FromWorker.DATA_READY: {
      const changed = page.data !== null && page.data.name !== message.name;
      page.data = {
        name: message.name || 'MNIST',
        train: message.train,
        validation: message.validation,
        test: message.test,
        classes: message.classes ?? 10,
      };
      page.download = null;
      dataset.dataReady(page.data);
      if (changed) showEvaluation(null, '');
      requestEvaluation();
      scheduleCheck(); // the batch size is bounded by the training set
      // Only now: the service worker's first caching would compete with the data's download.
      if (!offlineRegistered) {
        offlineRegistered = true;
        registerOfflineSupport();
      }
      break;
    }
    case FromWorker.MODEL: {
      page.model = message.model;
      modelPanel.setModel(page.model);
      // Names stored in a model file take over (once per model, so the user can still edit them);
      // when that model goes, the data's names come back.
      const names = page.model && Array.isArray(page.model.classNames) ? page.model.classNames : null;
      const key = names ? JSON.stringify(names) : '';
      if (names && key !== page.modelNames) classNames.set(names);
      else if (!names && page.modelNames) classNames.set(page.dataNames);
      page.modelNames = key;
      if (!page.model || page.model.source === 'none') weights.clear();
      render();
      classifyAgain();
      break;
    }
    case FromWorker.PROGRESS:
      if (!page.runActive) return; // from a run that was reset
      page.progress = message;
      if (!history.started) history.begin(message.batchesPerEpoch, message.epochs);
      history.addBatches(message.epoch, message.batch, message.losses);
      charts.invalidate();
      scheduleRender();
      break;
    case FromWorker.EPOCH:
      if (!page.runActive) return;
      history.addEpoch(message);
      runs.addEpoch(page.run, message, history);
      charts.invalidate();
      render();
      classifyAgain();
      break;
    case FromWorker.DONE: {
      if (!page.runActive) return;
      history.finish(message);
      charts.invalidate();
      const record = page.run;
      if (record) {
        runs.finish(record, message, history);
        showEvaluation(message, `Run ${record.id}: ${record.label}`);
      } else {
        showEvaluation(message, 'The run just finished');
      }
      if (tutorial.running && record && record.tutorialStep === tutorial.current?.key) {
        const next = tutorial.finished(message);
        // DONE comes before the worker's STATE done: start the next run a moment later.
        if (next) tutorialTimer = setTimeout(() => startTutorialStep(next), TUTORIAL_PAUSE_MS);
      }
      render();
      break;
    }
    case FromWorker.EVALUATION:
      // An answer about a model that a run has since replaced is of no use.
      if (running() || page.starting) return;
      if (message.requestId === page.evaluationRequest) page.evaluationRequest = 0;
      showEvaluation(message, modelSource());
      break;
    case FromWorker.WEIGHTS:
      weights.apply({ ...message, totalUnits: page.model?.sizes?.[1] });
      break;
    case FromWorker.MODEL_FILE:
      modelPanel.receiveFile(message);
      break;
    case FromWorker.PREDICTION:
      if (prediction.apply(message)) {
        if (message.empty) activations.clear();
        else activations.show(message.hidden, (page.model?.sizes?.length ?? 3) > 3);
      }
      break;
    case FromWorker.ERROR:
      if (message.requestId != null && !message.fatal) {
        if (modelPanel.owns(message.requestId)) modelPanel.receiveError(message);
        else if (dataset.owns(message.requestId)) dataset.receiveError(message);
        else if (message.requestId === page.evaluationRequest) page.evaluationRequest = 0;
        else prediction.fail(message.requestId, message.message);
        render();
        return;
      }
      if (message.fatal) {
        page.state = State.ERROR;
        page.error = message.message || 'Something went wrong.';
        page.starting = false;
        tutorial.stop();
        if (page.run) runs.stop(page.run, 'stopped', history);
      } else {
        // Not fatal and about no request: a refused START (naming its setting), a diverged run,
        // a failed MNIST download or a notice. A change of state, if any, follows as STATE.
        const refusedTutorial = page.starting && tutorial.running;
        if (page.starting) {
          page.starting = false;
          endRun('stopped');
          tutorial.stop();
        }
        if (message.diverged) {
          if (page.run) runs.stop(page.run, 'diverged', history);
          tutorial.stop('diverged');
        }
        dataset.failPending(message.message);
        if (message.setting && !refusedTutorial) form.applyCheck(form.version, message);
        else if (!message.diverged) page.notice = message.message || '';
      }
      render();
      break;
    default:
      break;
  }
}

// ---- rendering ----------------------------------------------------------------------------

let renderFrame = 0;
function scheduleRender() {
  if (!renderFrame) renderFrame = requestAnimationFrame(render);
}

/** "digits" for MNIST, "Fashion-MNIST images" for the user's data. */
function itemsName() {
  return !page.data || page.data.name === 'MNIST' ? 'digits' : `${page.data.name} images`;
}

function statusMessage() {
  if (page.notice && page.state !== State.ERROR) return sentence(page.notice);
  switch (page.state) {
    case State.LOADING:
      if (!page.download) return 'Loading the network and the MNIST digits…';
      if (page.download.total > 0 && page.download.loaded >= page.download.total)
        return 'Unpacking the digits…';
      return 'Downloading the MNIST digits…';
    case State.READY:
      if (page.starting) return 'Starting…';
      return page.data
        ? `Ready: ${integer(page.data.train)} training, ${integer(page.data.validation)} validation and ${integer(page.data.test)} test ${itemsName()} loaded. Press Start.`
        : 'Ready.';
    case State.TRAINING:
      return `Training${page.runName ? ` ${page.runName}` : ''} on ${page.data ? integer(page.data.train) : 'the'} ${itemsName()}…`;
    case State.PAUSED:
      return 'Paused. Resume to go on, or Reset to start over.';
    case State.DONE:
      if (page.starting) return 'Starting…';
      return history.finalTestAccuracy != null
        ? `Finished: ${percent(history.finalTestAccuracy)} of the ${page.data ? integer(page.data.test) : ''} test ${itemsName()}, never seen in training, read correctly.`
        : 'Finished.';
    case State.ERROR:
      return needsRestart() ? `${sentence(page.error)} Retry loads everything again.` : sentence(page.error);
    default:
      return '';
  }
}

function render() {
  if (renderFrame) {
    cancelAnimationFrame(renderFrame);
    renderFrame = 0;
  }
  status.render({
    state: page.state,
    message: statusMessage(),
    download: page.download,
    progress: page.runActive ? cappedProgress(page.progress) : null,
    retry: page.state === State.ERROR ? (needsRestart() ? 'Retry' : 'Reset') : '',
  });

  buttons.start.disabled = !canStart();
  const inRun = running();
  buttons.pause.disabled = !inRun;
  buttons.pause.textContent = page.state === State.PAUSED ? 'Resume' : 'Pause';
  buttons.reset.disabled = !canReset();
  form.setEnabled(!inRun && !page.starting && !tutorial.running);
  $('settings-locked').hidden = !inRun;

  const last = history.lastEpoch;
  setText($('val-accuracy'), last && last.valAccuracy != null ? percent(last.valAccuracy) : '–');
  const test = history.latestTestAccuracy;
  setText($('test-accuracy'), test != null ? percent(test) : '–');
  setText($('train-loss'), history.smoothed != null ? formatLoss(history.smoothed) : '–');
  setText($('val-loss'), last && last.valLoss != null ? formatLoss(last.valLoss) : '–');
  if (!page.runActive) {
    // Before a run, the x axis shows the run the form describes.
    const planned = form.read()?.epochs;
    if (planned > 0 && planned <= 1000 && planned !== history.epochs) {
      history.plan(planned);
      charts.invalidate();
    }
  }
  $('loss-empty').hidden = history.hasPoints;
  $('accuracy-empty').hidden = history.epochX.length > 0;

  setText(
    $('model-line'),
    describeModel({
      state: page.state,
      model: page.model,
      progress: page.runActive ? page.progress : null,
      lastEpoch: last,
      finalTestAccuracy: history.finalTestAccuracy,
      running: client.running,
    }),
  );
  const modelBusy = busyReason('change the model');
  modelPanel.render({ canChange: !modelBusy, reason: modelBusy });
  const dataBusy = busyReason('load other data');
  dataset.render({ canLoad: !dataBusy, reason: dataBusy });
  insights.setStale(running() || page.starting);
  const tutorialReason = tutorialBlocker();
  runsView.render({ canRunTutorial: !tutorialReason, tutorialReason });
  const speedNote = $('speed-note');
  const capped = speed.value !== '';
  speedNote.hidden = !capped;
  if (capped)
    setText(
      speedNote,
      `Slowed to about ${integer(Number(speed.value))} images a second so you can watch it learn.`,
    );
  updateLiveClassification();
}

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

// A load that has gone quiet (a download that stopped without an error) must not hang the page.
setInterval(() => {
  if (page.state === State.LOADING && client.running && performance.now() - lastHeard > LOADING_SILENCE_MS) {
    client.fail('Loading stalled: nothing arrived for 45 seconds (is the connection down?)');
  }
}, 5000);

client.start();
render();
