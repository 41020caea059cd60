// A run from Start to its end: Start (the core checks the settings first), Pause/Resume and
// Reset, each safe to call at any moment (they do nothing when it makes no sense), and what the
// worker says about the run: its progress, epochs, end and divergence. The run's curves go to
// the RunHistory the charts read, its record to the session's runs (the comparison). Everything
// this file knows about the run is written here and only here.
import { isAbort } from '../../../lib/shared/wire.js';
import { State } from '../../../protocol.js';
import { runLabel } from '../../runs/page/run-label.js';
import { TUTORIAL_STEPS } from '../../runs/page/tutorial.js';

/** @typedef {import('../shared/contract.js').TrainConfig} TrainConfig */

export class RunControl {
  /** Start was pressed and the worker has not started the run yet (checking the settings). */
  starting = false;
  /** A run was started and not reset: its events go to the charts. */
  runActive = false;
  /** @type {import('../shared/contract.js').Progress | null} the run's last progress */
  progress = null;
  /** @type {import('../../runs/page/session-runs.js').RunRecord | null} the run shown */
  record = null;
  runName = '';
  /** A refusal that changed no state, shown in the status strip until the next state. */
  notice = '';
  /** @type {AbortController | null} the Start in progress (Reset cancels it) */
  #startAbort = null;

  /**
   * @param {object} parts
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} parts.bridge
   * @param {import('../../../lib/page/session.js').Session} parts.session
   * @param {import('./settings-form.js').SettingsForm} parts.form
   * @param {import('./settings-check.js').SettingsCheck} parts.check
   * @param {import('./run-history.js').RunHistory} parts.history  the run shown
   * @param {import('./training-charts.js').TrainingCharts} parts.charts
   * @param {import('../../runs/page/session-runs.js').SessionRuns} parts.runs  every run of the session
   * @param {import('../../runs/page/tutorial.js').Tutorial} parts.tutorial
   * @param {() => boolean} parts.dataLoading  the user's data (or MNIST again) is loading
   * @param {() => string[]} parts.classNames  the data's class names, kept with a trained model
   * @param {import('../../../lib/page/renderer.js').Renderer} parts.renderer
   */
  constructor(parts) {
    this.parts = parts;
    const { bridge, renderer } = parts;
    // Teach it starts its run in the worker: charted like any, from a fresh chart.
    bridge.on('run-begun', ({ config, fineTuned }) => {
      this.#beginRun(config, { preset: `fine-tune on ${fineTuned.digits} of your digits`, fineTune: true });
      renderer.now();
    });
    bridge.on('progress', (message) => {
      if (!this.runActive) return; // from a run that was reset
      this.progress = message;
      const { history } = this.parts;
      if (!history.started) history.begin(message.batchesPerEpoch, message.epochs);
      history.addBatches(message.epoch, message.batch, message.losses);
      this.parts.charts.invalidate();
      renderer.request();
    });
    bridge.on('epoch', (message) => {
      if (!this.runActive) return;
      this.parts.history.addEpoch(message);
      this.parts.runs.addEpoch(this.record, message, this.parts.history);
      this.parts.charts.invalidate();
      renderer.now();
    });
    bridge.on('done', (message) => {
      if (!this.runActive) return;
      this.parts.history.finish(message);
      this.parts.charts.invalidate();
      if (this.record) this.parts.runs.finish(this.record, message, this.parts.history);
      this.onDone(this.record, message);
      renderer.now();
    });
    bridge.on('diverged', () => {
      if (this.record) this.parts.runs.stop(this.record, 'diverged', this.parts.history);
      this.parts.tutorial.stop('diverged');
      renderer.now();
    });
    bridge.on('state', ({ state }) => {
      this.notice = '';
      if (state === State.ERROR) this.parts.tutorial.stop();
    });
    bridge.on('fatal', () => {
      this.parts.tutorial.stop();
      if (this.record) this.parts.runs.stop(this.record, 'stopped', this.parts.history);
    });
  }

  /** A run finished (the tutorial's sequence listens). @type {(record: any, done: any) => void} */
  onDone = () => {};
  /** Reset was pressed (the tutorial's sequence stops). */
  onReset = () => {};

  canStart() {
    const { session, form, check, tutorial, dataLoading } = this.parts;
    return (
      session.idle() &&
      !this.starting &&
      !tutorial.running &&
      !dataLoading() &&
      session.data !== null &&
      form.hasPresets &&
      !check.knownInvalid()
    );
  }

  canReset() {
    const { state } = this.parts.session;
    return (
      this.starting ||
      state === State.TRAINING ||
      state === State.PAUSED ||
      state === State.DONE ||
      state === State.ERROR
    );
  }

  /** Why the model or the data cannot be replaced now ('' when they can). */
  lockReason(/** @type {string} */ what) {
    const { session, tutorial } = this.parts;
    if (!session.alive) return 'The network stopped: press Retry.';
    if (session.runInProgress() || this.starting || tutorial.running) return `Reset the run to ${what}.`;
    if (session.state === State.LOADING) return 'Wait until the data has loaded.';
    return '';
  }

  /** Checks the settings with the core, then starts a run. Does nothing unless a run can start. */
  async start() {
    const { form, check } = this.parts;
    if (!this.canStart()) return;
    const config = form.read();
    if (!config) return;
    const abort = this.#beginStarting();
    const answer = await check.check();
    if (abort.signal.aborted) return;
    if (!answer || !answer.ok) {
      this.#endStarting(abort);
      return;
    }
    await this.startRun(config, { preset: form.presetName }, abort);
  }

  /**
   * Starts a run of `config` (the tutorial's come here directly: the core's presets need no
   * check). Resolves with whether the worker started it.
   * @param {TrainConfig} config
   * @param {{preset: string, tutorialStep?: string | null}} origin
   * @param {AbortController} [abort]  a Start already in progress
   */
  async startRun(config, origin, abort = this.#beginStarting()) {
    const { bridge, form } = this.parts;
    this.#beginRun(config, origin);
    try {
      const { description } = await bridge.call(
        'start',
        { config, classNames: this.parts.classNames() },
        { signal: abort.signal },
      );
      if (this.record) this.parts.runs.describe(this.record, description);
      return true;
    } catch (caught) {
      if (isAbort(caught)) return false;
      const error = /** @type {Error & {setting?: string}} */ (caught);
      this.#endRun('stopped');
      this.parts.tutorial.stop();
      const setting = error.setting;
      if (setting && !origin.tutorialStep)
        form.applyCheck(form.version, { ok: false, message: error.message, setting });
      else this.notice = error.message;
      return false;
    } finally {
      this.#endStarting(abort);
    }
  }

  togglePause() {
    const { bridge, session } = this.parts;
    if (session.state === State.TRAINING) bridge.call('pause', {}).catch(() => {});
    else if (session.state === State.PAUSED) bridge.call('resume', {}).catch(() => {});
  }

  toggleRun() {
    if (this.parts.session.runInProgress()) this.togglePause();
    else this.start();
  }

  /** Stops the run and clears it; a failed worker (or one that never loaded) is replaced. */
  reset() {
    const { bridge, session, renderer } = this.parts;
    if (!this.canReset()) return;
    this.#cancelStart();
    this.onReset();
    this.#endRun('stopped');
    if (session.needsRestart()) bridge.restart();
    else bridge.call('reset', {}).catch(() => {});
    renderer.now();
  }

  /** A Start in progress will not start its run. */
  #cancelStart() {
    this.#startAbort?.abort();
    this.#startAbort = null;
    this.starting = false;
  }

  #beginStarting() {
    this.#startAbort?.abort();
    const abort = new AbortController();
    this.#startAbort = abort;
    this.starting = true;
    this.parts.renderer.now();
    return abort;
  }

  /** @param {AbortController} abort */
  #endStarting(abort) {
    if (this.#startAbort !== abort) return; // a newer Start (or a Reset) took over
    this.#startAbort = null;
    this.starting = false;
    this.parts.renderer.now();
  }

  /** A run starts: fresh charts, and a new record in the comparison. */
  #beginRun(
    /** @type {TrainConfig} */ config,
    /** @type {{preset: string, tutorialStep?: string | null, fineTune?: boolean}} */ origin,
  ) {
    const { history, runs, form, session, tutorial, charts } = this.parts;
    const tutorialStep = origin.tutorialStep ?? null;
    if (this.record) runs.stop(this.record, 'stopped', history);
    history.clear();
    history.plan(config.epochs ?? 1); // the x axis spans the run before its first batch
    const dataset = session.data?.name || 'MNIST';
    const label = runLabel(config, origin.preset, form.presets[origin.preset], dataset);
    this.record = runs.start({
      label,
      preset: origin.preset,
      config,
      dataset,
      tutorialStep,
    });
    this.runActive = true;
    this.runName = tutorialStep
      ? `${label} (the tutorial, ${tutorial.index + 1} of ${TUTORIAL_STEPS.length})`
      : label;
    this.progress = null;
    charts.nameValidation(origin.fineTune ? 'held-out' : 'validation');
    charts.invalidate();
  }

  /** The run is over before its end (reset, refused, the worker lost). */
  #endRun(/** @type {'stopped' | 'diverged'} */ status) {
    const { runs, history, charts } = this.parts;
    if (this.record) runs.stop(this.record, status, history);
    this.record = null;
    history.clear();
    this.runActive = false;
    this.progress = null;
    charts.invalidate();
  }
}
