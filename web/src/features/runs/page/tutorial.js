// "Reproduce the tutorial": its configurations, run one after another, and its own figures to
// compare with. The steps are the `seed` preset (the tutorial's 784-30-10 sigmoid network, MSE,
// SGD lr 3.0, batch 10, uniform init), `seed-ce` (softmax + cross-entropy) and `seed` with the
// batch sizes it compared (64 and 256, keeping its learning rate of 3.0, as it did).
// This file holds the plan and its progress; tutorial-sequence.js starts the runs.

/** Epochs per step: 10 keeps the whole sequence to about a minute at full speed. */
export const TUTORIAL_EPOCHS = 10;

/**
 * @typedef {object} TutorialStep
 * @property {string} key
 * @property {string} preset      the preset it starts from
 * @property {object} overrides   settings changed from the preset
 * @property {string} title       what it is, for the table
 * @property {string} figure      the tutorial's test accuracy for it ('' when it gave none)
 * @property {string} figureNote  where that figure comes from
 */

/** @type {readonly TutorialStep[]} */
export const TUTORIAL_STEPS = Object.freeze([
  {
    key: 'mse',
    preset: 'seed',
    overrides: {},
    title: 'MSE + sigmoid, batch 10',
    figure: '90.1%',
    figureNote: 'with its uniform init (88.4% with its first, unstated init)',
  },
  {
    key: 'cross-entropy',
    preset: 'seed-ce',
    overrides: {},
    title: 'Softmax + cross-entropy',
    figure: '92.5%',
    figureNote: 'in PyTorch',
  },
  {
    key: 'batch-64',
    preset: 'seed',
    overrides: { batchSize: 64 },
    title: 'MSE, batch 64',
    figure: '',
    figureNote: 'compared by loss curves only',
  },
  {
    key: 'batch-256',
    preset: 'seed',
    overrides: { batchSize: 256 },
    title: 'MSE, batch 256',
    figure: '',
    figureNote: 'compared by loss curves only',
  },
]);

export class Tutorial {
  constructor() {
    /** 'idle' | 'running' | 'stopped' | 'done' */
    this.status = 'idle';
    this.index = -1;
    /** Per step key: {testAccuracy, seconds, status, runId}. */
    this.results = new Map();
    this.version = 0;
  }

  get running() {
    return this.status === 'running';
  }

  get current() {
    return this.running ? TUTORIAL_STEPS[this.index] : null;
  }

  /** The configuration of a step, from the presets the core sent. Null if a preset is missing. */
  /**
   * @param {TutorialStep} step
   * @param {Record<string, import('../../training/shared/contract.js').TrainConfig>} presets
   * @returns {import('../../training/shared/contract.js').TrainConfig | null}
   */
  static config(step, presets) {
    const base = presets[step.preset];
    if (!base) return null;
    return { ...base, ...step.overrides, preset: step.preset, epochs: TUTORIAL_EPOCHS };
  }

  /** Starts from the first step; returns it. */
  begin() {
    this.status = 'running';
    this.index = 0;
    this.results = new Map();
    this.version += 1;
    return TUTORIAL_STEPS[0];
  }

  /** The current step's run started as run `runId`. */
  started(/** @type {number} */ runId) {
    const step = this.current;
    if (!step) return;
    this.results.set(step.key, { status: 'running', testAccuracy: null, seconds: null, runId });
    this.version += 1;
  }

  /** The current step's run finished; returns the next step, or null when all are done. */
  /** @param {{testAccuracy: number, seconds: number}} done */
  finished({ testAccuracy, seconds }) {
    const step = this.current;
    if (!step) return null;
    const result = this.results.get(step.key) || {};
    this.results.set(step.key, { ...result, status: 'done', testAccuracy, seconds });
    this.index += 1;
    if (this.index >= TUTORIAL_STEPS.length) {
      this.status = 'done';
      this.index = -1;
    }
    this.version += 1;
    return this.current;
  }

  /** Stopped (by the user, a reset or an error): the step in progress is marked so. */
  stop(reason = 'stopped') {
    const step = this.current;
    if (!step) return;
    const result = this.results.get(step.key);
    if (result && result.status === 'running') this.results.set(step.key, { ...result, status: reason });
    this.status = 'stopped';
    this.index = -1;
    this.version += 1;
  }
}
