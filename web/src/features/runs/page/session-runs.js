// Every run of this session, for the comparison: its settings and label, validation accuracy and
// loss per epoch, the smoothed training loss (thinned to a few hundred points), the final test
// accuracy and its training time. Pure data, no DOM.

/** Points kept of a run's smoothed training loss. */
const CURVE_POINTS = 300;

/**
 * @typedef {object} RunRecord
 * @property {number} id           1, 2, ... in the order the runs started
 * @property {string} label        preset and the settings that differ ("seed · batch 64")
 * @property {string} preset
 * @property {import('../../training/shared/contract.js').TrainConfig} config
 * @property {string} description  the core's description of the configuration
 * @property {string} dataset
 * @property {'running'|'done'|'stopped'|'diverged'} status
 * @property {Array<{epoch: number, valAccuracy: number|null, valLoss: number|null,
 *                   trainLoss: number|null}>} epochs
 * @property {{x: number[], y: number[]}} trainCurve  smoothed training loss by (fractional) epoch
 * @property {number|null} testAccuracy
 * @property {number|null} seconds
 * @property {string|null} tutorialStep  the tutorial configuration it reproduces, if any
 */

/** @typedef {Pick<import('../../training/page/run-history.js').RunHistory, 'bucketX' | 'bucketSmooth'>} History */

export class SessionRuns {
  constructor() {
    /** @type {RunRecord[]} */
    this.runs = [];
    this.nextId = 1;
    /** Raised on every change, so views redraw only when something changed. */
    this.version = 0;
  }

  /**
   * A run started; returns its record.
   * @param {{label: string, preset: string, config: RunRecord['config'], dataset: string,
   *   tutorialStep?: string | null}} run
   * @returns {RunRecord}
   */
  start({ label, preset, config, dataset, tutorialStep = null }) {
    /** @type {RunRecord} */
    const record = {
      id: this.nextId,
      label,
      preset,
      config: { ...config },
      description: '',
      dataset,
      status: 'running',
      epochs: [],
      trainCurve: { x: [], y: [] },
      testAccuracy: null,
      seconds: null,
      tutorialStep,
    };
    this.nextId += 1;
    this.runs.push(record);
    this.changed();
    return record;
  }

  /** The core's description of the run's configuration, once the worker started it. */
  describe(/** @type {RunRecord} */ record, /** @type {string} */ description) {
    if (!this.has(record)) return;
    record.description = description;
    this.changed();
  }

  /**
   * An epoch of the record's run; `history` (the run's RunHistory) gives the training curve.
   * @param {RunRecord | null} record
   * @param {{epoch: number, valAccuracy: number | null, valLoss: number | null,
   *   trainLoss: number | null, seconds?: number}} epoch
   * @param {History} history
   */
  addEpoch(record, { epoch, valAccuracy, valLoss, trainLoss, seconds }, history) {
    if (!this.has(record)) return;
    const row = {
      epoch,
      valAccuracy: finite(valAccuracy),
      valLoss: finite(valLoss),
      trainLoss: finite(trainLoss),
    };
    const at = record.epochs.findIndex((e) => e.epoch === epoch);
    if (at >= 0) record.epochs[at] = row;
    else record.epochs.push(row);
    if (typeof seconds === 'number' && Number.isFinite(seconds)) record.seconds = seconds;
    record.trainCurve = thinCurve(history);
    this.changed();
  }

  /**
   * The run's end: the test accuracy and the time.
   * @param {RunRecord} record  @param {{testAccuracy: number, seconds: number}} done  @param {History} history
   */
  finish(record, { testAccuracy, seconds }, history) {
    if (!this.has(record)) return;
    record.status = 'done';
    record.testAccuracy = finite(testAccuracy);
    if (Number.isFinite(seconds)) record.seconds = seconds;
    record.trainCurve = thinCurve(history);
    this.changed();
  }

  /**
   * The run ended early (reset, stopped, diverged). A run without a finished epoch is dropped.
   * @param {RunRecord} record  @param {'stopped' | 'diverged'} status  @param {History} [history]
   */
  stop(record, status, history) {
    if (!this.has(record) || record.status !== 'running') return;
    if (record.epochs.length === 0) {
      this.remove(record.id);
      return;
    }
    record.status = status;
    if (history) record.trainCurve = thinCurve(history);
    this.changed();
  }

  remove(/** @type {number} */ id) {
    const before = this.runs.length;
    this.runs = this.runs.filter((run) => run.id !== id);
    if (this.runs.length !== before) this.changed();
  }

  /** Removes every run but the one training (if any). */
  clear() {
    this.runs = this.runs.filter((run) => run.status === 'running');
    this.changed();
  }

  /** @param {RunRecord | null} record  @returns {record is RunRecord} */
  has(record) {
    return record !== null && this.runs.includes(record);
  }

  get finished() {
    return this.runs.filter((run) => run.status !== 'running');
  }

  changed() {
    this.version += 1;
  }
}

/** @param {unknown} value  @returns {number | null} */
function finite(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The run's smoothed loss curve, every k-th bucket (the last one always kept).
 *  @param {History | undefined} history */
function thinCurve(history) {
  const xs = history ? history.bucketX : [];
  const ys = history ? history.bucketSmooth : [];
  const n = xs.length;
  const step = Math.max(1, Math.ceil(n / CURVE_POINTS));
  const x = [];
  const y = [];
  for (let i = 0; i < n; i += step) {
    x.push(xs[i]);
    y.push(ys[i]);
  }
  if (n > 0 && x[x.length - 1] !== xs[n - 1]) {
    x.push(xs[n - 1]);
    y.push(ys[n - 1]);
  }
  return { x, y };
}
