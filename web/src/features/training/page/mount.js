// The training feature on the page: the settings form and its check, Start/Pause/Reset, the
// speed, the status strip, the two live charts and the strip of training images. Returns what
// the other features use.
import { RunControl } from './run-control.js';
import { RunHistory } from './run-history.js';
import { SamplesView } from './samples-view.js';
import { SettingsCheck } from './settings-check.js';
import { SettingsForm } from './settings-form.js';
import { SpeedControl } from './speed-control.js';
import { TrainingCharts } from './training-charts.js';
import { TrainingView } from './training-view.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {object} app
 * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} app.bridge
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 * @param {import('../../runs/page/session-runs.js').SessionRuns} app.runs
 * @param {import('../../runs/page/tutorial.js').Tutorial} app.tutorial
 * @param {() => boolean} app.dataLoading
 * @param {() => string[]} app.classNames
 */
export function mountTraining({ bridge, session, renderer, runs, tutorial, dataLoading, classNames }) {
  const history = new RunHistory();
  const charts = new TrainingCharts({
    lossElement: $('loss-chart'),
    lossLegend: $('loss-legend'),
    accuracyElement: $('accuracy-chart'),
    accuracyLegend: $('accuracy-legend'),
    validationNames: Array.from(document.querySelectorAll('.validation-name')),
    history,
  });
  /** @type {SettingsCheck} */
  let check;
  const form = new SettingsForm($('settings'), { onEdit: () => check.schedule() });
  check = new SettingsCheck(form, bridge, () => renderer.now());
  const speed = new SpeedControl(bridge, { onChange: () => renderer.now() });
  const control = new RunControl({
    bridge,
    session,
    form,
    check,
    history,
    charts,
    runs,
    tutorial,
    dataLoading,
    classNames,
    renderer,
  });
  const view = new TrainingView({ session, control, form, tutorial, history, charts, speed });
  const samples = new SamplesView({
    root: $('samples-panel'),
    bridge,
    control,
    renderer,
    plannedAugment: () => form.read()?.augment,
    classNames,
  });
  bridge.on('data-ready', () => check.schedule()); // the batch size is bounded by the training set
  // A new worker's presets: the form (keeping the user's edits), and the speed it must know.
  session.onPresets((presets) => {
    form.setPresets(presets);
    speed.resend();
    check.schedule();
  });
  renderer.add(() => {
    view.render();
    speed.render();
    samples.render();
  });
  return { control, form, speed, history };
}
