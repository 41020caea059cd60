// "Reproduce the tutorial", run: the steps of tutorial.js started one after another at full
// speed, each a moment after the last one's DONE, until all are done or one is stopped (by the
// user, a reset, a refused start, an error or a divergence).
import { ToWorker } from '../shared/protocol.js';
import { Tutorial } from './tutorial.js';

/** Pause between the tutorial's runs, so each one's result can be seen (ms). */
const TUTORIAL_PAUSE_MS = 600;

export class TutorialSequence {
  /**
   * @param {object} parts
   * @param {import('./page-state.js').PageState} parts.page
   * @param {import('./tutorial.js').Tutorial} parts.tutorial  the plan and its progress
   * @param {import('./controls.js').SettingsForm} parts.form  has the core's presets
   * @param {import('./worker-client.js').WorkerClient} parts.client
   * @param {import('./run-control.js').RunControl} parts.run
   * @param {import('./speed-control.js').SpeedControl} parts.speed
   * @param {() => void} parts.render
   */
  constructor({ page, tutorial, form, client, run, speed, render }) {
    this.page = page;
    this.tutorial = tutorial;
    this.form = form;
    this.client = client;
    this.run = run;
    this.speed = speed;
    this.render = render;
    this.timer = 0;
  }

  /** Why the tutorial cannot start now ('' when it can, or is running). */
  blocker() {
    const { page, form } = this;
    if (this.tutorial.running) return '';
    if (page.data && page.data.name !== 'MNIST')
      return "The tutorial's figures are for MNIST: go back to MNIST first.";
    if (!form.presets.seed || !form.presets['seed-ce']) return 'Waiting for the presets…';
    if (page.runInProgress() || page.starting)
      return 'Runs one after another once this run has finished or been reset.';
    if (!page.idle() || !page.data) return 'Available once the data has loaded.';
    return '';
  }

  begin() {
    if (this.blocker()) return;
    // Its four runs take about a minute at full speed; a watchable speed would take many.
    this.speed.setFull();
    this.startStep(this.tutorial.begin());
  }

  /** Starts a step's run (the presets are the core's own, so they need no check). */
  startStep(step) {
    const { page, tutorial } = this;
    this.timer = 0;
    if (!tutorial.running || tutorial.current !== step) return;
    const config = Tutorial.config(step, this.form.presets);
    if (!config || !page.idle() || page.starting || !page.data) {
      tutorial.stop();
      this.render();
      return;
    }
    this.run.cancelPendingStart();
    page.starting = true;
    this.run.beginRun(config, { preset: step.preset, tutorialStep: step.key });
    tutorial.started(page.run.id);
    if (!this.client.post({ type: ToWorker.START, config })) {
      page.starting = false;
      tutorial.stop();
    }
    this.render();
  }

  /** The user stopped the tutorial: its run, if one is on, is reset. */
  stop() {
    this.cancelNextStep();
    const active = this.page.runInProgress() || this.page.starting;
    this.tutorial.stop();
    if (active) this.run.reset();
    else this.render();
  }

  /** A reset: no next step, and the step in progress is marked stopped. */
  cancel() {
    this.cancelNextStep();
    this.tutorial.stop();
  }

  cancelNextStep() {
    clearTimeout(this.timer);
    this.timer = 0;
  }

  /** A run's DONE: if it was the current step's, the next step starts a moment later. */
  runFinished(record, message) {
    const tutorial = this.tutorial;
    if (!tutorial.running || !record || record.tutorialStep !== tutorial.current?.key) return;
    const next = tutorial.finished(message);
    // DONE comes before the worker's STATE done: start the next run a moment later.
    if (next) this.timer = setTimeout(() => this.startStep(next), TUTORIAL_PAUSE_MS);
  }
}
