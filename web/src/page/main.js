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
import { StatusView } from './status-view.js';
import { describeModel } from './model-view.js';
import { installShortcuts } from './keyboard.js';
import { registerOfflineSupport } from './offline.js';
import { integer, loss as formatLoss, percent } from './format.js';

/** How often the drawing is read again while the network learns (ms). */
const LIVE_CLASSIFY_MS = 1000;
/** Pause after an edit before asking the core about the settings (ms). */
const CHECK_DELAY_MS = 150;
/** Loading that says nothing for this long has stalled (a download that stopped, say) (ms). */
const LOADING_SILENCE_MS = 45000;

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
};

const history = new RunHistory();
const client = new WorkerClient({
  dataUrl: new URL('data/', document.baseURI).href,
  modelUrl: new URL('models/pretrained.nnmf', document.baseURI).href,
  onMessage: receive,
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
const pad = new DrawingPad($('pad'), {
  onStrokeEnd: classify,
  onChange: (empty) => {
    $('pad-frame').dataset.empty = String(empty);
  },
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

function canStart() {
  const idle = page.state === State.READY || page.state === State.DONE ||
    (page.state === State.ERROR && !client.failed);
  return idle && !page.starting && page.data !== null && form.hasPresets && !formKnownInvalid();
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
    if (!answer.stale && form.version === version) page.check = { version, ok: Boolean(answer.ok), pending: false };
    page.starting = false;
    render();
    return;
  }
  page.check = { version, ok: true, pending: false };
  beginRun(config);
  if (!client.post({ type: ToWorker.START, config })) page.starting = false;
  // page.starting stays on until the worker reports its new state.
  render();
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
  page.starting = false;
  endRun();
  if (needsRestart()) client.restart();
  else client.reset();
  render();
}

function clearPad() {
  pad.clear();
  prediction.clear();
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

function beginRun(config) {
  history.clear();
  history.plan(config.epochs); // the x axis spans the run before its first batch
  page.runActive = true;
  page.runName = form.runName;
  page.progress = null;
  charts.invalidate();
}

function endRun() {
  history.clear();
  page.runActive = false;
  page.progress = null;
  charts.invalidate();
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
      page.error = message.state === State.ERROR ? message.message || page.error || 'Something went wrong.' : '';
      if (message.state === State.LOADING) {
        page.data = null;
        page.download = null;
      }
      render();
      break;
    case FromWorker.PRESETS:
      form.setPresets(message.presets);
      scheduleCheck();
      break;
    case FromWorker.DATA_PROGRESS:
      page.download = { loaded: message.loaded, total: message.total };
      scheduleRender();
      break;
    case FromWorker.DATA_READY:
      page.data = { train: message.train, validation: message.validation, test: message.test };
      scheduleCheck(); // the batch size is bounded by the training set
      // Only now: the service worker's first caching would compete with the data's download.
      if (!offlineRegistered) {
        offlineRegistered = true;
        registerOfflineSupport();
      }
      break;
    case FromWorker.MODEL:
      page.model = message.model;
      render();
      classifyAgain();
      break;
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
      charts.invalidate();
      render();
      classifyAgain();
      break;
    case FromWorker.DONE:
      if (!page.runActive) return;
      history.finish(message);
      charts.invalidate();
      render();
      break;
    case FromWorker.PREDICTION:
      prediction.apply(message);
      break;
    case FromWorker.ERROR:
      if (message.requestId != null && !message.fatal) {
        prediction.fail(message.requestId, message.message);
        return;
      }
      if (message.fatal) {
        page.state = State.ERROR;
        page.error = message.message || 'Something went wrong.';
        page.starting = false;
      } else {
        // Not fatal and about no request: a refused START (naming its setting) or a notice. A
        // change of state, if any, follows as STATE (a diverged run: STATE error).
        if (page.starting) {
          page.starting = false;
          endRun();
        }
        if (message.setting) form.applyCheck(form.version, message);
        else page.notice = message.message || '';
      }
      render();
      break;
    default:
      break; // WEIGHTS, MODEL_FILE: for the panels to come
  }
}

// ---- rendering ----------------------------------------------------------------------------

let renderFrame = 0;
function scheduleRender() {
  if (!renderFrame) renderFrame = requestAnimationFrame(render);
}

function statusMessage() {
  if (page.notice && page.state !== State.ERROR) return sentence(page.notice);
  switch (page.state) {
    case State.LOADING:
      if (!page.download) return 'Loading the network and the MNIST digits…';
      if (page.download.total > 0 && page.download.loaded >= page.download.total) return 'Unpacking the digits…';
      return 'Downloading the MNIST digits…';
    case State.READY:
      if (page.starting) return 'Starting…';
      return page.data
        ? `Ready: ${integer(page.data.train)} training, ${integer(page.data.validation)} validation and ${integer(page.data.test)} test digits loaded. Press Start.`
        : 'Ready.';
    case State.TRAINING:
      return `Training${page.runName ? ` ${page.runName}` : ''} on ${page.data ? integer(page.data.train) : 'the'} digits…`;
    case State.PAUSED:
      return 'Paused. Resume to go on, or Reset to start over.';
    case State.DONE:
      if (page.starting) return 'Starting…';
      return history.finalTestAccuracy != null
        ? `Finished: ${percent(history.finalTestAccuracy)} of the ${page.data ? integer(page.data.test) : ''} test digits, never seen in training, read correctly.`
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
    progress: page.runActive ? page.progress : null,
    retry: page.state === State.ERROR ? (needsRestart() ? 'Retry' : 'Reset') : '',
  });

  buttons.start.disabled = !canStart();
  const running = page.state === State.TRAINING || page.state === State.PAUSED;
  buttons.pause.disabled = !running;
  buttons.pause.textContent = page.state === State.PAUSED ? 'Resume' : 'Pause';
  buttons.reset.disabled = !canReset();
  form.setEnabled(!running && !page.starting);
  $('settings-locked').hidden = !running;

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
  updateLiveClassification();
}

/** "could not x" -> "Could not x." */
function sentence(text) {
  const trimmed = String(text || 'Something went wrong').trim();
  // Capitalise a word, not a file name ("train-labels.gz is corrupt" stays as it is).
  const capital = /^[a-z]+[\s:,]/.test(trimmed) ? trimmed[0].toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
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
