// The page's composition root: it builds the page's parts around one state object (PageState),
// routes the worker's messages to them, and render() makes every view agree with the state.
// The buttons' handlers are safe to call at any moment: they check the state and do nothing
// when it makes no sense.
import { FromWorker, State } from '../shared/protocol.js';
import { ComparisonCharts } from './comparison-charts.js';
import { SettingsForm } from './controls.js';
import { DrawingReader } from './drawing-reader.js';
import { installShortcuts } from './keyboard.js';
import { ModelDataPanels } from './model-data-panels.js';
import { registerOfflineSupport } from './offline.js';
import { PageState } from './page-state.js';
import { RunControl } from './run-control.js';
import { RunHistory } from './run-history.js';
import { RunsView } from './runs-view.js';
import { SessionRuns } from './session-runs.js';
import { SettingsCheck } from './settings-check.js';
import { SpeedControl } from './speed-control.js';
import { TrainingView } from './training-view.js';
import { Tutorial } from './tutorial.js';
import { TutorialSequence } from './tutorial-sequence.js';
import { WorkerClient } from './worker-client.js';

/** Loading that says nothing for this long has stalled (a download that stopped, say) (ms). */
const LOADING_SILENCE_MS = 45000;

const $ = (id) => document.getElementById(id);

const history = new RunHistory();
const runs = new SessionRuns();
const tutorial = new Tutorial();
const client = new WorkerClient({
  dataUrl: new URL('data/', document.baseURI).href,
  modelUrl: new URL('models/pretrained.nnmf', document.baseURI).href,
  onMessage: receive,
  onStart: () => panels.workerStarted(),
});
const form = new SettingsForm($('settings'), { onEdit: () => checks.schedule() });
const page = new PageState({ client, form, tutorial });
const checks = new SettingsCheck({ page, form, client, render });
const speed = new SpeedControl(client, { onChange: render });
const training = new TrainingView({
  page,
  form,
  tutorial,
  history,
  speed,
  actions: { onStart: () => run.start(), onPause: () => run.togglePause(), onReset: () => run.reset() },
});
const drawing = new DrawingReader(client);
const panels = new ModelDataPanels({ page, client, history, drawing });
const run = new RunControl({
  page,
  client,
  form,
  tutorial,
  history,
  runs,
  charts: training.charts,
  render,
  onReset: () => sequence.cancel(),
  requestEvaluation: () => panels.requestEvaluation(),
});
const sequence = new TutorialSequence({ page, tutorial, form, client, run, speed, render });
const runsView = new RunsView({
  root: $('runs-panel'),
  runs,
  tutorial,
  charts: new ComparisonCharts({
    accuracyElement: $('runs-accuracy-chart'),
    lossElement: $('runs-loss-chart'),
    runs,
  }),
  actions: {
    onRemove: (id) => {
      runs.remove(id);
      render();
    },
    onClear: () => {
      runs.clear();
      render();
    },
    onTutorial: () => sequence.begin(),
    onStopTutorial: () => sequence.stop(),
  },
});
installShortcuts({ onToggleRun: () => run.toggleRun(), onClear: () => drawing.clear() });

// ---- messages from the worker -------------------------------------------------------------

let lastHeard = performance.now();
let offlineRegistered = false;

function receive(message) {
  lastHeard = performance.now();
  switch (message.type) {
    case FromWorker.STATE:
      run.receiveState(message);
      panels.sendWantedEvaluation();
      render();
      break;
    case FromWorker.PRESETS:
      form.setPresets(message.presets);
      // The module is up: the page's settings for this worker.
      speed.resend();
      panels.workerReady();
      checks.schedule();
      break;
    case FromWorker.DATA_PROGRESS:
      panels.receiveDataProgress(message);
      scheduleRender();
      break;
    case FromWorker.DATA_READY:
      panels.receiveData(message);
      checks.schedule(); // the batch size is bounded by the training set
      // Only now: the service worker's first caching would compete with the data's download.
      if (!offlineRegistered) {
        offlineRegistered = true;
        registerOfflineSupport();
      }
      break;
    case FromWorker.MODEL:
      panels.receiveModel(message);
      render();
      drawing.classifyAgain();
      break;
    case FromWorker.PROGRESS:
      if (!page.runActive) return; // from a run that was reset
      run.receiveProgress(message);
      scheduleRender();
      break;
    case FromWorker.EPOCH:
      if (!page.runActive) return;
      run.receiveEpoch(message);
      render();
      drawing.classifyAgain();
      break;
    case FromWorker.DONE: {
      if (!page.runActive) return;
      const record = run.receiveDone(message);
      panels.showEvaluation(message, record ? `Run ${record.id}: ${record.label}` : 'The run just finished');
      sequence.runFinished(record, message);
      render();
      break;
    }
    case FromWorker.EVALUATION:
      panels.receiveEvaluation(message);
      break;
    case FromWorker.WEIGHTS:
      panels.receiveWeights(message);
      break;
    case FromWorker.MODEL_FILE:
      panels.receiveModelFile(message);
      break;
    case FromWorker.PREDICTION:
      drawing.show(message, page.model);
      break;
    case FromWorker.ERROR:
      if (message.requestId != null && !message.fatal) {
        // The answer to a request: a panel's, the evaluation's or a drawing's.
        if (!panels.receiveRequestError(message)) drawing.fail(message.requestId, message.message);
      } else if (message.fatal) {
        run.receiveFatalError(message);
      } else {
        run.receiveError(message);
        panels.receiveLoadError(message);
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

function render() {
  if (renderFrame) {
    cancelAnimationFrame(renderFrame);
    renderFrame = 0;
  }
  training.render();
  panels.render();
  const tutorialReason = sequence.blocker();
  runsView.render({ canRunTutorial: !tutorialReason, tutorialReason });
  speed.render();
  drawing.updateLive(page.state === State.TRAINING);
}

// A load that has gone quiet (a download that stopped without an error) must not hang the page.
setInterval(() => {
  if (page.state === State.LOADING && client.running && performance.now() - lastHeard > LOADING_SILENCE_MS) {
    client.fail('Loading stalled: nothing arrived for 45 seconds (is the connection down?)');
  }
}, 5000);

client.start();
render();
