// The two training charts (uPlot): loss (per-batch buckets, smoothed loss, validation loss per
// epoch) and accuracy (validation and test per epoch, the final test accuracy). They read a
// RunHistory, redraw at most once per animation frame, follow their container's size and the
// colour scheme, and share a cursor so an epoch can be read across both. Each has a small legend
// of its own that shows the values under the cursor.
import uPlot from '../../vendor/uplot/uPlot.esm.js';
import { loss as formatLoss } from './format.js';

const SYNC_KEY = 'training-run';

/** Series colours by key, read from CSS custom properties so the stylesheet owns the palette. */
export function readTheme() {
  const css = getComputedStyle(document.documentElement);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--muted', '#666'),
    grid: get('--chart-grid', 'rgba(128,128,128,0.2)'),
    surface: get('--surface', '#fff'),
    font: `12px ${get('--font-ui', 'system-ui, sans-serif')}`,
    raw: get('--chart-raw', 'rgba(90,120,200,0.3)'),
    train: get('--chart-train', '#3b6fd8'),
    val: get('--chart-val', '#e07b24'),
    test: get('--chart-test', '#2a9d6e'),
    final: get('--chart-final', '#c2337a'),
  };
}

export function axis(theme, label, extra = {}) {
  return {
    label,
    stroke: theme.text,
    font: theme.font,
    labelFont: theme.font,
    labelSize: 16,
    labelGap: 0,
    gap: 4,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: 4 },
    ...extra,
  };
}

export function epochValues(u, splits) {
  return splits.map((v) => (v == null ? '' : Number.isInteger(v) ? String(v) : String(+v.toFixed(2))));
}

/** On a log axis, keep the lines and labels at 1, 2 and 5 times a power of ten. */
export function oneTwoFive(u, splits) {
  return splits.map((v) => {
    if (!(v > 0)) return null;
    const scaled = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
    const mantissa = Math.round(scaled);
    const round = Math.abs(scaled - mantissa) < 1e-6;
    return round && (mantissa === 1 || mantissa === 2 || mantissa === 5) ? v : null;
  });
}

// uPlot's log-axis splits step from the scale's minimum in units of its power of ten, and never
// end (they fill an array until it overflows) when the minimum is not a whole number of those
// units. So the log range is snapped to d x 10^k (d = 1..9), as uPlot's own log ranges are.
export function snapDown(value) {
  const k = Math.floor(Math.log10(value));
  return Number(`${Math.max(1, Math.floor(value / 10 ** k + 1e-9))}e${k}`);
}

export function snapUp(value) {
  const k = Math.floor(Math.log10(value));
  return Number(`${Math.ceil(value / 10 ** k - 1e-9)}e${k}`);
}

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
   * @param {(theme: object, width: number, height: number) => object} options.makeOptions
   * @param {() => Array} options.getData
   */
  constructor({ element, legend, series, xFormat, makeOptions, getData }) {
    this.element = element;
    this.series = series;
    this.xFormat = xFormat;
    this.makeOptions = makeOptions;
    this.getData = getData;
    this.plot = null;
    this.legendValues = [];
    this.xValue = document.createElement('span');
    this.xValue.className = 'legend-x';
    legend.replaceChildren(this.xValue);
    for (const { key, label } of series) {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = `swatch swatch-${key}`;
      const value = document.createElement('span');
      value.className = 'legend-value';
      item.append(swatch, label, value);
      legend.append(item);
      this.legendValues.push(value);
    }
    this.build();
  }

  size() {
    const rect = this.element.getBoundingClientRect();
    return { width: Math.max(120, Math.floor(rect.width)), height: Math.max(120, Math.floor(rect.height)) };
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
  showCursor(u) {
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
    const { width, height } = this.size();
    if (width !== this.plot.width || height !== this.plot.height) this.plot.setSize({ width, height });
  }
}

/** The series' value at index i, or the closest one before it (series with gaps). */
function nearest(values, i) {
  for (let j = i; j >= 0 && j > i - 4096; j -= 1) if (values[j] != null) return values[j];
  return null;
}

const percentText = (v) => `${v.toFixed(2)}%`;

export class TrainingCharts {
  /**
   * @param {{lossElement: HTMLElement, lossLegend: HTMLElement, accuracyElement: HTMLElement,
   *          accuracyLegend: HTMLElement, history: import('./run-history.js').RunHistory}} options
   */
  constructor({ lossElement, lossLegend, accuracyElement, accuracyLegend, history }) {
    this.history = history;
    this.logLoss = true;
    this.frame = 0;
    this.lossDirty = false;
    this.accuracyDirty = false;
    this.accuracyVersion = -1;
    this.needsResize = false;
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
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.rebuild());
  }

  /** x spans the whole run once its length is known, so the curves fill the chart as it learns. */
  xScale() {
    return {
      time: false,
      range: (u, min, max) => [0, Math.max(this.history.epochs || 1, Number.isFinite(max) ? max : 0)],
    };
  }

  cursor() {
    return { sync: { key: SYNC_KEY }, drag: { x: false, y: false, setScale: false }, points: { size: 7 } };
  }

  lossOptions(theme, width, height) {
    const log = this.logLoss;
    const lossAxis = axis(theme, log ? 'loss (log scale)' : 'loss', {
      size: 50,
      values: (u, splits) => splits.map((v) => (v == null ? '' : formatLoss(v))),
    });
    if (log) {
      lossAxis.filter = oneTwoFive;
      lossAxis.grid.filter = oneTwoFive;
      lossAxis.ticks.filter = oneTwoFive;
    }
    return {
      width,
      height,
      padding: [12, 12, 0, 0],
      cursor: this.cursor(),
      scales: {
        x: this.xScale(),
        y: {
          distr: log ? 3 : 1,
          range: (u, min, max) => {
            if (!Number.isFinite(min) || !Number.isFinite(max)) return log ? [0.05, 5] : [0, 1];
            if (log) {
              const lo = Math.max(min, 1e-6) / 1.3;
              return [snapDown(lo), snapUp(Math.max(max * 1.3, lo * 3))];
            }
            return [0, max > 0 ? max * 1.08 : 1];
          },
        },
      },
      axes: [axis(theme, 'epoch', { values: epochValues, size: 36 }), lossAxis],
      series: [
        {},
        { stroke: theme.raw, width: 1, spanGaps: true, points: { show: false } },
        { stroke: theme.train, width: 2, spanGaps: true, points: { show: false } },
        { stroke: theme.val, width: 2, spanGaps: true, points: pointStyle(theme, 'val') },
      ],
    };
  }

  accuracyOptions(theme, width, height) {
    return {
      width,
      height,
      padding: [12, 12, 0, 0],
      cursor: this.cursor(),
      scales: {
        x: this.xScale(),
        y: {
          range: (u, min, max) => {
            if (!Number.isFinite(min) || !Number.isFinite(max)) return [80, 100];
            const lo = Math.max(0, Math.floor(min - 0.5));
            const hi = Math.min(100, Math.ceil(max + 0.5));
            return [Math.min(lo, hi - 2), Math.max(hi, lo + 2)];
          },
        },
      },
      axes: [
        axis(theme, 'epoch', { values: epochValues, size: 36 }),
        axis(theme, 'accuracy', {
          size: 50,
          values: (u, splits) => splits.map((v) => (v == null ? '' : `${+v.toFixed(1)}%`)),
        }),
      ],
      series: [
        {},
        { stroke: theme.val, width: 2, spanGaps: true, points: pointStyle(theme, 'val') },
        { stroke: theme.test, width: 2, dash: [6, 4], spanGaps: true, points: pointStyle(theme, 'test') },
        {
          stroke: theme.final,
          width: 0,
          paths: () => null,
          points: { show: true, size: 13, fill: theme.final, stroke: theme.surface, width: 2 },
        },
      ],
    };
  }

  /** Asks for a redraw on the next frame (many messages in a frame cost one redraw). The
   *  accuracy chart is redrawn only when an epoch, the end of the run or a reset changed it. */
  invalidate() {
    this.lossDirty = true;
    if (this.history.epochVersion !== this.accuracyVersion) this.accuracyDirty = true;
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
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
    });
  }

  rebuild() {
    this.loss.build();
    this.accuracy.build();
  }

  setLogLoss(log) {
    if (this.logLoss === log) return;
    this.logLoss = log;
    this.loss.build();
  }
}
