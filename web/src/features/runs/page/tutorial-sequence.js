// "Reproduce the tutorial", run: the steps of tutorial.js started one after another at full
// speed, each a moment after the last one's end, until all are done or one is stopped (by the
// user, a reset, a refused start, an error or a divergence).
import { Tutorial } from './tutorial.js';

/** Pause between the tutorial's runs, so each one's result can be seen (ms). */
const TUTORIAL_PAUSE_MS = 600;

export class TutorialSequence {
  #timer = 0;

  /**
   * @param {object} parts
   * @param {import('../../../lib/page/session.js').Session} parts.session
   * @param {import('../../training/page/run-control.js').RunControl} parts.control
   * @param {Tutorial} parts.tutorial  the plan and its progress
   * @param {import('../../training/page/speed-control.js').SpeedControl} parts.speed
   * @param {() => boolean} parts.dataLoading
   * @param {import('../../../lib/page/renderer.js').Renderer} parts.renderer
   */
  constructor(parts) {
    this.parts = parts;
    parts.control.onReset = () => this.cancel();
    parts.control.onDone = (record, done) => this.runFinished(record, done);
  }

  /** Why the tutorial cannot start now ('' when it can, or is running). */
  blocker() {
    const { session, control, tutorial, dataLoading } = this.parts;
    if (tutorial.running) return '';
    if (session.data && session.data.name !== 'MNIST')
      return "The tutorial's figures are for MNIST: go back to MNIST first.";
    if (!session.presets.seed || !session.presets['seed-ce']) return 'Waiting for the presets…';
    if (session.runInProgress() || control.starting)
      return 'Runs one after another once this run has finished or been reset.';
    if (!session.idle() || !session.data || dataLoading()) return 'Available once the data has loaded.';
    return '';
  }

  begin() {
    if (this.blocker()) return;
    // Its four runs take about a minute at full speed; a watchable speed would take many.
    this.parts.speed.setFull();
    this.startStep(this.parts.tutorial.begin());
  }

  /** Starts a step's run (the presets are the core's own, so they need no check). */
  startStep(/** @type {import('./tutorial.js').TutorialStep} */ step) {
    const { session, control, tutorial, renderer } = this.parts;
    this.#timer = 0;
    if (!tutorial.running || tutorial.current !== step) return;
    const config = Tutorial.config(step, session.presets);
    if (!config || !session.idle() || control.starting || !session.data) {
      tutorial.stop();
      renderer.now();
      return;
    }
    const started = control.startRun(config, { preset: step.preset, tutorialStep: step.key });
    if (control.record) tutorial.started(control.record.id);
    started.then((ok) => {
      if (!ok) tutorial.stop();
      renderer.now();
    });
  }

  /** The user stopped the tutorial: its run, if one is on, is reset. */
  stop() {
    const { session, control, tutorial, renderer } = this.parts;
    this.#cancelNextStep();
    const active = session.runInProgress() || control.starting;
    tutorial.stop();
    if (active) control.reset();
    else renderer.now();
  }

  /** A reset: no next step, and the step in progress is marked stopped. */
  cancel() {
    this.#cancelNextStep();
    this.parts.tutorial.stop();
  }

  #cancelNextStep() {
    clearTimeout(this.#timer);
    this.#timer = 0;
  }

  /**
   * A run's end: if it was the current step's, the next step starts a moment later.
   * @param {import('./session-runs.js').RunRecord | null} record
   * @param {{testAccuracy: number, seconds: number}} done
   */
  runFinished(record, done) {
    const { tutorial } = this.parts;
    if (!tutorial.running || !record || record.tutorialStep !== tutorial.current?.key) return;
    const next = tutorial.finished(done);
    // 'done' comes before the worker's state done: start the next run a moment later.
    if (next) this.#timer = window.setTimeout(() => this.startStep(next), TUTORIAL_PAUSE_MS);
  }
}
