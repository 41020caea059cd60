// A run from Start to its end: Start (the core checks the settings first), Pause/Resume and
// Reset, each safe to call at any moment (they do nothing when it makes no sense), and what the
// worker says about the run: its state, progress, epochs, end and errors. The run's curves go to
// the RunHistory the charts read, its record to the session's runs (the comparison).
import { State, ToWorker } from '../shared/protocol.js';
import { runLabel } from './run-label.js';
import { TUTORIAL_STEPS } from './tutorial.js';

export class RunControl {
  /**
   * @param {object} parts
   * @param {import('./page-state.js').PageState} parts.page
   * @param {import('./worker-client.js').WorkerClient} parts.client
   * @param {import('./controls.js').SettingsForm} parts.form
   * @param {import('./tutorial.js').Tutorial} parts.tutorial
   * @param {import('./run-history.js').RunHistory} parts.history  the run shown
   * @param {import('./session-runs.js').SessionRuns} parts.runs  every run of the session
   * @param {import('./charts.js').TrainingCharts} parts.charts
   * @param {() => void} parts.render
   * @param {() => void} parts.onReset  a reset stops the tutorial's sequence too
   * @param {() => void} parts.requestEvaluation  the model changed: evaluate it
   */
  constructor({ page, client, form, tutorial, history, runs, charts, render, onReset, requestEvaluation }) {
    this.page = page;
    this.client = client;
    this.form = form;
    this.tutorial = tutorial;
    this.history = history;
    this.runs = runs;
    this.charts = charts;
    this.render = render;
    this.onReset = onReset;
    this.requestEvaluation = requestEvaluation;
    this.startToken = 0;
  }

  /** Checks the settings with the core, then starts a run. Does nothing unless a run can start. */
  async start() {
    const { page, form, client } = this;
    if (!page.canStart()) return;
    const config = form.read();
    if (!config) return;
    const token = ++this.startToken;
    const version = form.version;
    page.starting = true;
    this.render();
    const answer = await client.checkConfig(config);
    if (token !== this.startToken || !page.starting) return; // reset meanwhile
    if (answer.stale || !form.applyCheck(version, answer) || !answer.ok) {
      if (!answer.stale && form.version === version)
        page.check = { version, ok: Boolean(answer.ok), pending: false };
      page.starting = false;
      this.render();
      return;
    }
    page.check = { version, ok: true, pending: false };
    this.beginRun(config, { preset: form.presetName });
    if (!client.post({ type: ToWorker.START, config })) page.starting = false;
    // page.starting stays on until the worker reports its new state.
    this.render();
  }

  /** A Start still waiting for the core's check will not start its run. */
  cancelPendingStart() {
    this.startToken += 1;
  }

  togglePause() {
    if (this.page.state === State.TRAINING) this.client.post({ type: ToWorker.PAUSE });
    else if (this.page.state === State.PAUSED) this.client.post({ type: ToWorker.RESUME });
  }

  toggleRun() {
    if (this.page.runInProgress()) this.togglePause();
    else this.start();
  }

  /** Stops the run and clears it; a failed worker (or one that never loaded) is replaced. */
  reset() {
    const page = this.page;
    if (!page.canReset()) return;
    this.cancelPendingStart();
    this.onReset();
    const hadRun = page.runActive;
    page.starting = false;
    this.endRun('stopped');
    if (page.needsRestart()) {
      this.client.restart();
    } else {
      this.client.reset();
      // The worker brings back the model from before the run: look at it again.
      if (hadRun) this.requestEvaluation();
    }
    this.render();
  }

  /** A run starts: fresh charts, and a new record in the comparison. */
  beginRun(config, { preset, tutorialStep = null }) {
    const { page, history, runs } = this;
    if (page.run) runs.stop(page.run, 'stopped', history);
    history.clear();
    history.plan(config.epochs); // the x axis spans the run before its first batch
    const label = runLabel(config, preset, this.form.presets[preset], page.data?.name);
    page.run = runs.start({ label, preset, config, dataset: page.data?.name || 'MNIST', tutorialStep });
    page.runActive = true;
    page.runName = tutorialStep
      ? `${label} (the tutorial, ${this.tutorial.index + 1} of ${TUTORIAL_STEPS.length})`
      : label;
    page.progress = null;
    this.charts.invalidate();
  }

  /** The run is over before its end (reset, refused, diverged, the worker lost). */
  endRun(status) {
    const page = this.page;
    if (page.run) this.runs.stop(page.run, status, this.history);
    page.run = null;
    this.history.clear();
    page.runActive = false;
    page.progress = null;
    this.charts.invalidate();
  }

  // ---- the worker's messages about the run (PROGRESS, EPOCH and DONE only while runActive) ----

  /** STATE: the worker's state changed. */
  receiveState(message) {
    const page = this.page;
    page.state = message.state;
    page.starting = false;
    page.notice = '';
    page.error =
      message.state === State.ERROR ? message.message || page.error || 'Something went wrong.' : '';
    if (message.state === State.LOADING) {
      page.data = null;
      page.download = null;
    }
    if (message.state === State.ERROR && this.tutorial.running) this.tutorial.stop();
  }

  receiveProgress(message) {
    const history = this.history;
    this.page.progress = message;
    if (!history.started) history.begin(message.batchesPerEpoch, message.epochs);
    history.addBatches(message.epoch, message.batch, message.losses);
    this.charts.invalidate();
  }

  receiveEpoch(message) {
    this.history.addEpoch(message);
    this.runs.addEpoch(this.page.run, message, this.history);
    this.charts.invalidate();
  }

  /** DONE: the run finished; returns its record (null when none was kept). */
  receiveDone(message) {
    this.history.finish(message);
    this.charts.invalidate();
    const record = this.page.run;
    if (record) this.runs.finish(record, message, this.history);
    return record;
  }

  /** A fatal ERROR: the worker cannot go on (Retry replaces it). */
  receiveFatalError(message) {
    const page = this.page;
    page.state = State.ERROR;
    page.error = message.message || 'Something went wrong.';
    page.starting = false;
    this.tutorial.stop();
    if (page.run) this.runs.stop(page.run, 'stopped', this.history);
  }

  /** A non-fatal ERROR about no request: a refused START (naming its setting), a diverged run,
   *  a failed MNIST download or a notice. A change of state, if any, follows as STATE. */
  receiveError(message) {
    const { page, tutorial, form } = this;
    const refusedTutorial = page.starting && tutorial.running;
    if (page.starting) {
      page.starting = false;
      this.endRun('stopped');
      tutorial.stop();
    }
    if (message.diverged) {
      if (page.run) this.runs.stop(page.run, 'diverged', this.history);
      tutorial.stop('diverged');
    }
    if (message.setting && !refusedTutorial) form.applyCheck(form.version, message);
    else if (!message.diverged) page.notice = message.message || '';
  }
}
