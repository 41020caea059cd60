// The two training charts (uPlot): loss (per-batch buckets, smoothed loss, validation loss per
// epoch) and accuracy (validation and test per epoch, the final test accuracy). They read a
// RunHistory, redraw at most once per animation frame, follow their container's size and the
// colour scheme, and share a cursor so an epoch can be read across both. Each has a small legend
// of its own that shows the values under the cursor.
import uPlot from '../../../../vendor/uplot/uPlot.esm.js';
import { oncePerFrame } from '../../../lib/page/animation-frame.js';
import {
  accuracyY,
  chartOptions,
  chartSize,
  epochScale,
  fitChart,
  lossY,
  readTheme,
} from '../../../lib/page/chart-parts.js';
import { onColourSchemeChange } from '../../../lib/page/colours.js';
import { loss as formatLoss } from '../../../lib/shared/format.js';

const SYNC_KEY = 'training-run';
const MIN_SIZE = 120; // CSS pixels, either way

/** @typedef {import('../../../lib/page/chart-parts.js').Theme} Theme */
/** @typedef {import('uplot').AlignedData} AlignedData */

/** @param {Theme} theme  @param {'val' | 'test'} key */
const pointStyle = (theme, key, size = 7) => ({
  show: true,
  size,
  fill: theme.surface,
  stroke: theme[key],
  width: 2,
});

class Chart {
  /**
   * @param {object} options
   * @param {HTMLElement} options.element  the element the chart fills (sized by CSS)
   * @param {HTMLElement} options.legend   where the legend goes
   * @param {Array<{key: string, label: string, format: (v: number) => string}>} options.series
   * @param {(x: number) => string} options.xFormat  the x under the cursor, for the legend
   * @param {(theme: Theme, width: number, height: number) => import('uplot').Options} options.makeOptions
   * @param {() => AlignedData} options.getData
   */
  constructor({ element, legend, series, xFormat, makeOptions, getData }) {
    this.element = element;
    this.series = series;
    this.xFormat = xFormat;
    this.makeOptions = makeOptions;
    this.getData = getData;
    /** @type {uPlot} */
    this.plot = /** @type {any} */ (null);
    /** @type {HTMLElement[]} */
    this.legendValues = [];
    /** @type {Map<string, HTMLElement>} series key -> its name in the legend */
    this.legendNames = new Map();
    this.xValue = document.createElement('span');
    this.xValue.className = 'legend-x';
    legend.replaceChildren(this.xValue);
    for (const { key, label } of series) {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = `swatch swatch-${key}`;
      const name = document.createElement('span');
      name.textContent = label;
      const value = document.createElement('span');
      value.className = 'legend-value';
      item.append(swatch, name, value);
      legend.append(item);
      this.legendValues.push(value);
      this.legendNames.set(key, name);
    }
    this.build();
  }

  size() {
    return chartSize(this.element, MIN_SIZE, MIN_SIZE);
  }

  /** Renames a series in the legend. @param {string} key  @param {string} label */
  rename(key, label) {
    const name = this.legendNames.get(key);
    if (name && name.textContent !== label) name.textContent = label;
  }

  build() {
    if (this.plot) this.plot.destroy();
    const { width, height } = this.size();
    const options = this.makeOptions(readTheme(), width, height);
    options.legend = { show: false };
    options.hooks = { setCursor: [(u) => this.showCursor(u)] };
    this.plot = new uPlot(options, this.getData(), this.element);
  }

  /** The values under the cursor in the legend (nothing when the cursor is away). */
  showCursor(/** @type {uPlot} */ u) {
    const i = u.cursor.idx;
    const data = u.data;
    const inside = i != null && data[0].length > 0;
    this.xValue.textContent = inside ? this.xFormat(data[0][i]) : '';
    this.series.forEach(({ format }, s) => {
      const v = inside ? nearest(data[s + 1], i) : null;
      this.legendValues[s].textContent = v == null ? '' : format(v);
    });
  }

  draw() {
    this.plot.setData(this.getData(), true);
  }

  resize() {
    fitChart(this.plot, this.size());
  }
}

/** The series' value at index i, or the closest one before it (series with gaps).
 *  @param {ArrayLike<number | null | undefined>} values  @param {number} i */
function nearest(values, i) {
  for (let j = i; j >= 0 && j > i - 4096; j -= 1) if (values[j] != null) return values[j];
  return null;
}

const percentText = (/** @type {number} */ v) => `${v.toFixed(2)}%`;

export class TrainingCharts {
  /**
   * @param {{lossElement: HTMLElement, lossLegend: HTMLElement, accuracyElement: HTMLElement,
   *          accuracyLegend: HTMLElement, validationNames: HTMLElement[],
   *          history: import('./run-history.js').RunHistory}} options
   *   validationNames: the headline figures' names of the validation series
   */
  constructor({ lossElement, lossLegend, accuracyElement, accuracyLegend, validationNames, history }) {
    this.history = history;
    this.validationNames = validationNames;
    this.logLoss = true;
    this.lossDirty = false;
    this.accuracyDirty = false;
    this.accuracyVersion = -1;
    this.needsResize = false;
    this.schedule = oncePerFrame(() => this.drawFrame());
    this.loss = new Chart({
      element: lossElement,
      legend: lossLegend,
      xFormat: (x) => `epoch ${x.toFixed(2)}`,
      series: [
        { key: 'raw', label: 'batch loss', format: formatLoss },
        { key: 'train', label: 'training (smoothed)', format: formatLoss },
        { key: 'val', label: 'validation', format: formatLoss },
      ],
      makeOptions: (theme, w, h) => this.lossOptions(theme, w, h),
      getData: () => history.lossData(),
    });
    this.accuracy = new Chart({
      element: accuracyElement,
      legend: accuracyLegend,
      xFormat: (x) => `epoch ${x}`,
      series: [
        { key: 'val', label: 'validation', format: percentText },
        { key: 'test', label: 'test', format: percentText },
        { key: 'final', label: 'final test', format: percentText },
      ],
      makeOptions: (theme, w, h) => this.accuracyOptions(theme, w, h),
      getData: () => history.accuracyData(),
    });
    const observer = new ResizeObserver(() => {
      this.needsResize = true;
      this.schedule();
    });
    observer.observe(lossElement);
    observer.observe(accuracyElement);
    // Rebuild with the other palette when the colour scheme changes.
    onColourSchemeChange(() => this.rebuild());
  }

  /** Names the "validation" series after what the run measures with it: while teaching it your
   *  handwriting, that is your held-out digits, not the validation split of MNIST.
   *  @param {'validation' | 'held-out'} set */
  nameValidation(set) {
    const label = set === 'held-out' ? 'your held-out digits' : 'validation';
    this.loss.rename('val', label);
    this.accuracy.rename('val', label);
    for (const name of this.validationNames)
      name.textContent = set === 'held-out' ? 'Held out' : 'Validation';
  }

  /** What both charts share: x spans the whole run once its length is known (so the curves fill
   *  the chart as it learns), and one cursor across both. */
  /**
   * @param {Theme} theme  @param {number} width  @param {number} height
   * @param {{y: {axis: import('uplot').Axis, scale: import('uplot').Scale}, series: import('uplot').Series[]}} parts
   */
  options(theme, width, height, { y, series }) {
    return chartOptions(theme, {
      width,
      height,
      cursor: { sync: { key: SYNC_KEY }, drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
      x: epochScale(() => this.history.epochs || 1),
      y,
      series,
    });
  }

  /** @param {Theme} theme  @param {number} width  @param {number} height */
  lossOptions(theme, width, height) {
    const log = this.logLoss;
    return this.options(theme, width, height, {
      y: lossY(theme, log ? 'loss (log scale)' : 'loss', log),
      series: [
        { stroke: theme.raw, width: 1, spanGaps: true, points: { show: false } },
        { stroke: theme.train, width: 2, spanGaps: true, points: { show: false } },
        { stroke: theme.val, width: 2, spanGaps: true, points: pointStyle(theme, 'val') },
      ],
    });
  }

  /** @param {Theme} theme  @param {number} width  @param {number} height */
  accuracyOptions(theme, width, height) {
    return this.options(theme, width, height, {
      y: accuracyY(theme, 'accuracy'),
      series: [
        { stroke: theme.val, width: 2, spanGaps: true, points: pointStyle(theme, 'val') },
        { stroke: theme.test, width: 2, dash: [6, 4], spanGaps: true, points: pointStyle(theme, 'test') },
        {
          stroke: theme.final,
          width: 0,
          paths: () => null,
          points: { show: true, size: 13, fill: theme.final, stroke: theme.surface, width: 2 },
        },
      ],
    });
  }

  /** Asks for a redraw on the next frame (many messages in a frame cost one redraw). The
   *  accuracy chart is redrawn only when an epoch, the end of the run or a reset changed it. */
  invalidate() {
    this.lossDirty = true;
    if (this.history.epochVersion !== this.accuracyVersion) this.accuracyDirty = true;
    this.schedule();
  }

  drawFrame() {
    if (this.needsResize) {
      this.needsResize = false;
      this.loss.resize();
      this.accuracy.resize();
    }
    if (this.lossDirty) {
      this.lossDirty = false;
      this.loss.draw();
    }
    if (this.accuracyDirty) {
      this.accuracyDirty = false;
      this.accuracyVersion = this.history.epochVersion;
      this.accuracy.draw();
    }
  }

  rebuild() {
    this.loss.build();
    this.accuracy.build();
  }

  setLogLoss(/** @type {boolean} */ log) {
    if (this.logLoss === log) return;
    this.logLoss = log;
    this.loss.build();
  }
}
