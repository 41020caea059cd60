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
 * @property {object} config       the TrainConfig
 * @property {string} dataset
 * @property {'running'|'done'|'stopped'|'diverged'} status
 * @property {Array<{epoch: number, valAccuracy: number|null, valLoss: number|null,
 *                   trainLoss: number|null}>} epochs
 * @property {{x: number[], y: number[]}} trainCurve  smoothed training loss by (fractional) epoch
 * @property {number|null} testAccuracy
 * @property {number|null} seconds
 * @property {string|null} tutorialStep  the tutorial configuration it reproduces, if any
 */

export class SessionRuns {
  constructor() {
    /** @type {RunRecord[]} */
    this.runs = [];
    this.nextId = 1;
    /** Raised on every change, so views redraw only when something changed. */
    this.version = 0;
  }

  /** A run started; returns its record. */
  start({ label, preset, config, dataset, tutorialStep = null }) {
    const record = {
      id: this.nextId,
      label,
      preset,
      config: { ...config },
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

  /** An EPOCH of the record's run; `history` (the run's RunHistory) gives the training curve. */
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
    if (Number.isFinite(seconds)) record.seconds = seconds;
    record.trainCurve = thinCurve(history);
    this.changed();
  }

  /** DONE: the test accuracy and the time. */
  finish(record, { testAccuracy, seconds }, history) {
    if (!this.has(record)) return;
    record.status = 'done';
    record.testAccuracy = finite(testAccuracy);
    if (Number.isFinite(seconds)) record.seconds = seconds;
    record.trainCurve = thinCurve(history);
    this.changed();
  }

  /** The run ended early (reset, stopped, diverged). A run without a finished epoch is dropped. */
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

  remove(id) {
    const before = this.runs.length;
    this.runs = this.runs.filter((run) => run.id !== id);
    if (this.runs.length !== before) this.changed();
  }

  /** Removes every run but the one training (if any). */
  clear() {
    this.runs = this.runs.filter((run) => run.status === 'running');
    this.changed();
  }

  has(record) {
    return Boolean(record) && this.runs.includes(record);
  }

  get finished() {
    return this.runs.filter((run) => run.status !== 'running');
  }

  changed() {
    this.version += 1;
  }
}

function finite(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The run's smoothed loss curve, every k-th bucket (the last one always kept). */
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
