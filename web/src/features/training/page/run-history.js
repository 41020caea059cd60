// The numbers of one training run, kept in the shape the charts draw: per-batch losses folded
// into at most `maxPoints` buckets (so a 1000-epoch run at batch 10 stays a few thousand points),
// an exponential moving average for the smoothed curve, and one row per finished epoch.
// Pure data, no DOM: x is in epochs (fractional for batches).

const DEFAULT_MAX_POINTS = 2000;

export class RunHistory {
  epochs = 0;
  batchesPerEpoch = 0;
  bucketSize = 1;
  // Finished buckets: x at the bucket's last batch, mean loss, smoothed loss there.
  /** @type {number[]} */
  bucketX = [];
  /** @type {number[]} */
  bucketMean = [];
  /** @type {number[]} */
  bucketSmooth = [];
  // The bucket being filled.
  openSum = 0;
  openCount = 0;
  openX = 0;
  // Bias-corrected EMA (as TensorBoard's smoothing): ema / (1 - beta^n).
  beta = 0.9;
  ema = 0;
  betaPower = 1;
  /** @type {number | null} */
  smoothed = null;
  // Per epoch.
  /** @type {number[]} */
  epochX = [];
  /** @type {Array<number | null>} */
  trainLoss = [];
  /** @type {Array<number | null>} */
  valLoss = [];
  /** @type {Array<number | null>} */
  valAccuracy = [];
  /** @type {Array<number | null>} */
  testAccuracy = [];
  /** @type {number | null} */
  finalTestAccuracy = null;
  /** @type {number | null} */
  finalTestLoss = null;
  /** Raised on every change. */
  version = 0;
  /** Raised when the per-epoch rows, the final result or the run's length change. */
  epochVersion = 0;

  constructor({ maxPoints = DEFAULT_MAX_POINTS } = {}) {
    this.maxPoints = maxPoints;
  }

  /** Forgets the run (a new one starts, or it was reset). */
  clear() {
    const epochVersion = this.epochVersion + 1;
    Object.assign(this, new RunHistory({ maxPoints: this.maxPoints }));
    this.epochVersion = epochVersion;
  }

  get started() {
    return this.batchesPerEpoch > 0;
  }

  get hasPoints() {
    return this.bucketX.length > 0 || this.openCount > 0 || this.epochX.length > 0;
  }

  /** The run's length before its first batch (the charts' x axis spans it). */
  plan(/** @type {number} */ epochs) {
    if (epochs === this.epochs) return;
    this.epochs = epochs;
    this.epochVersion += 1;
  }

  /** Sizes the buckets and the smoothing for a run of epochs x batchesPerEpoch batches. */
  begin(/** @type {number} */ batchesPerEpoch, /** @type {number} */ epochs) {
    this.batchesPerEpoch = Math.max(1, batchesPerEpoch);
    this.epochs = Math.max(1, epochs);
    this.bucketSize = Math.max(1, Math.ceil((this.batchesPerEpoch * this.epochs) / this.maxPoints));
    // Smooth over about 2% of an epoch (at least 4 batches): about 1,000 MNIST samples.
    const span = Math.max(4, this.batchesPerEpoch / 50);
    this.beta = Math.exp(-1 / span);
    this.version += 1;
    this.epochVersion += 1;
  }

  /**
   * Adds the losses of the batches that ended at `batch` (batches done) of 1-based `epoch`.
   * @param {number} epoch
   * @param {number} batch
   * @param {ArrayLike<number>} losses
   */
  addBatches(epoch, batch, losses) {
    if (!this.started || !losses || losses.length === 0) return;
    const perEpoch = this.batchesPerEpoch;
    const lastIndex = (epoch - 1) * perEpoch + batch; // global 1-based index of the last loss
    const firstIndex = lastIndex - losses.length + 1;
    for (let i = 0; i < losses.length; i += 1) {
      const value = losses[i];
      if (!Number.isFinite(value)) continue; // a diverged batch: the worker reports it
      const index = Math.max(1, firstIndex + i);
      this.ema = this.beta * this.ema + (1 - this.beta) * value;
      this.betaPower *= this.beta;
      this.smoothed = this.ema / (1 - this.betaPower);
      this.openSum += value;
      this.openCount += 1;
      this.openX = index / perEpoch;
      if (index % this.bucketSize === 0) this.closeBucket();
    }
    this.version += 1;
  }

  closeBucket() {
    if (this.openCount === 0) return;
    this.bucketX.push(this.openX);
    this.bucketMean.push(this.openSum / this.openCount);
    this.bucketSmooth.push(/** @type {number} */ (this.smoothed)); // set by the batch just added
    this.openSum = 0;
    this.openCount = 0;
  }

  /**
   * An epoch's figures.
   * @param {{epoch: number, trainLoss: number | null, valLoss: number | null, valAccuracy: number | null,
   *   testAccuracy?: number | null}} figures
   */
  addEpoch({ epoch, trainLoss, valLoss, valAccuracy, testAccuracy }) {
    const at = this.epochX.indexOf(epoch);
    const row = at >= 0 ? at : this.epochX.length;
    this.epochX[row] = epoch;
    this.trainLoss[row] = finiteOrNull(trainLoss);
    this.valLoss[row] = finiteOrNull(valLoss);
    this.valAccuracy[row] = finiteOrNull(valAccuracy);
    this.testAccuracy[row] = finiteOrNull(testAccuracy);
    this.version += 1;
    this.epochVersion += 1;
  }

  /** The run's end: its test figures. @param {{testAccuracy: number, testLoss: number}} done */
  finish({ testAccuracy, testLoss }) {
    this.closeBucket();
    this.finalTestAccuracy = finiteOrNull(testAccuracy);
    this.finalTestLoss = finiteOrNull(testLoss);
    this.version += 1;
    this.epochVersion += 1;
  }

  get lastEpoch() {
    const n = this.epochX.length;
    if (n === 0) return null;
    return {
      epoch: this.epochX[n - 1],
      trainLoss: this.trainLoss[n - 1],
      valLoss: this.valLoss[n - 1],
      valAccuracy: this.valAccuracy[n - 1],
      testAccuracy: this.testAccuracy[n - 1],
    };
  }

  /** The latest test accuracy: the final one, else the last epoch's (when tested), else null. */
  get latestTestAccuracy() {
    if (this.finalTestAccuracy != null) return this.finalTestAccuracy;
    for (let i = this.testAccuracy.length - 1; i >= 0; i -= 1) {
      if (this.testAccuracy[i] != null) return this.testAccuracy[i];
    }
    return null;
  }

  /**
   * uPlot data for the loss chart: [x, batch loss, smoothed loss, validation loss], the batch
   * buckets and the epochs merged on one x axis, with nulls where a series has no point.
   * @returns {[number[], Array<number | null>, Array<number | null>, Array<number | null>]}
   */
  lossData() {
    /** @type {number[]} */
    const bx = this.bucketX.slice();
    const mean = this.bucketMean.slice();
    /** @type {Array<number | null>} */
    const smooth = this.bucketSmooth.slice();
    if (this.openCount > 0) {
      bx.push(this.openX);
      mean.push(this.openSum / this.openCount);
      smooth.push(this.smoothed);
    }
    /** @type {number[]} */
    const x = [];
    /** @type {Array<number | null>} */
    const a = [];
    /** @type {Array<number | null>} */
    const b = [];
    /** @type {Array<number | null>} */
    const c = [];
    let i = 0;
    let j = 0;
    const ex = this.epochX;
    while (i < bx.length || j < ex.length) {
      const takeBucket = j >= ex.length || (i < bx.length && bx[i] <= ex[j] + 1e-9);
      const takeEpoch = i >= bx.length || (j < ex.length && ex[j] <= bx[i] + 1e-9);
      x.push(takeBucket ? bx[i] : ex[j]);
      a.push(takeBucket ? mean[i] : null);
      b.push(takeBucket ? smooth[i] : null);
      c.push(takeEpoch ? this.valLoss[j] : null);
      if (takeBucket) i += 1;
      if (takeEpoch) j += 1;
    }
    return [x, a, b, c];
  }

  /** uPlot data for the accuracy chart, in percent: [epoch, validation, test, final test].
   *  @returns {[number[], Array<number | null>, Array<number | null>, Array<number | null>]} */
  accuracyData() {
    const n = this.epochX.length;
    const toPercent = (/** @type {number | null} */ v) => (v == null ? null : v * 100);
    /** @type {Array<number | null>} */
    const finalRow = new Array(n).fill(null);
    if (n > 0 && this.finalTestAccuracy != null) finalRow[n - 1] = this.finalTestAccuracy * 100;
    return [this.epochX.slice(), this.valAccuracy.map(toPercent), this.testAccuracy.map(toPercent), finalRow];
  }
}

/** @param {unknown} value  @returns {number | null} */
function finiteOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
