// What the training charts and the run comparison's charts (uPlot) are built from: the palette
// read from the stylesheet, the epoch x axis spanning a whole run, the loss y axis (log scale
// with lines at 1, 2 and 5 times a power of ten, or linear) and the accuracy y axis in percent.
import { loss as formatLoss } from '../shared/format.js';

/**
 * @typedef {import('uplot')} uPlot
 * @typedef {import('uplot').Axis} Axis
 * @typedef {import('uplot').Scale} Scale
 * @typedef {{text: string, grid: string, surface: string, font: string, raw: string, train: string,
 *   val: string, test: string, final: string}} Theme
 */

/** Series colours by key, read from CSS custom properties so the stylesheet owns the palette. */
/** @returns {Theme} */
export function readTheme() {
  const css = getComputedStyle(document.documentElement);
  const get = (/** @type {string} */ name, /** @type {string} */ fallback) =>
    css.getPropertyValue(name).trim() || fallback;
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

/** @param {Theme} theme  @param {string} label  @param {Partial<Axis>} [extra]  @returns {Axis & {grid: import('uplot').Axis.Grid, ticks: import('uplot').Axis.Ticks}} */
function axis(theme, label, extra = {}) {
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

/** @param {Theme} theme  @param {string} label  @param {(v: number) => string} format */
function yAxis(theme, label, format) {
  return axis(theme, label, {
    size: 50,
    values: (u, splits) => splits.map((v) => (v == null ? '' : format(v))),
  });
}

/** @param {uPlot} u  @param {number[]} splits */
function epochValues(u, splits) {
  return splits.map((v) => (v == null ? '' : Number.isInteger(v) ? String(v) : String(+v.toFixed(2))));
}

/** On a log axis, keep the lines and labels at 1, 2 and 5 times a power of ten.
 *  @param {uPlot} u  @param {number[]} splits  @returns {Array<number | null>} */
function oneTwoFive(u, splits) {
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
function snapDown(/** @type {number} */ value) {
  const k = Math.floor(Math.log10(value));
  return Number(`${Math.max(1, Math.floor(value / 10 ** k + 1e-9))}e${k}`);
}

function snapUp(/** @type {number} */ value) {
  const k = Math.floor(Math.log10(value));
  return Number(`${Math.ceil(value / 10 ** k - 1e-9)}e${k}`);
}

/** x from 0 to the run's length (`epochs()`), or further when the data goes further.
 *  @param {() => number} epochs  @returns {Scale} */
export function epochScale(epochs) {
  return {
    time: false,
    range: (u, min, max) => [0, Math.max(epochs(), Number.isFinite(max) ? max : 0)],
  };
}

/** The loss y axis and its scale: log (lines at 1, 2 and 5 times a power of ten) or linear.
 *  @param {Theme} theme  @param {string} label  @param {boolean} log  @returns {{axis: Axis, scale: Scale}} */
export function lossY(theme, label, log) {
  const axis = yAxis(theme, label, formatLoss);
  if (log) {
    axis.filter = oneTwoFive;
    axis.grid.filter = oneTwoFive;
    axis.ticks.filter = oneTwoFive;
  }
  /** @type {Scale} */
  const scale = {
    distr: log ? 3 : 1,
    range: (u, min, max) => {
      if (!Number.isFinite(min) || !Number.isFinite(max)) return log ? [0.05, 5] : [0, 1];
      if (log) {
        const lo = Math.max(min, 1e-6) / 1.3;
        return [snapDown(lo), snapUp(Math.max(max * 1.3, lo * 3))];
      }
      return [0, max > 0 ? max * 1.08 : 1];
    },
  };
  return { axis, scale };
}

/** The accuracy y axis in percent and its scale: the data's range rounded out to whole percents,
 *  at least 2 wide. @param {Theme} theme  @param {string} label  @returns {{axis: Axis, scale: Scale}} */
export function accuracyY(theme, label) {
  const axis = yAxis(theme, label, (v) => `${+v.toFixed(1)}%`);
  /** @type {Scale} */
  const scale = {
    range: (u, min, max) => {
      if (!Number.isFinite(min) || !Number.isFinite(max)) return [80, 100];
      const lo = Math.max(0, Math.floor(min - 0.5));
      const hi = Math.min(100, Math.ceil(max + 0.5));
      return [Math.min(lo, hi - 2), Math.max(hi, lo + 2)];
    },
  };
  return { axis, scale };
}

/**
 * The uPlot options every chart of the page has: its size, the epoch axis below and one y axis.
 * @param {Theme} theme  readTheme()'s
 * @param {{width: number, height: number, cursor: import('uplot').Cursor, x: Scale,
 *          y: {axis: Axis, scale: Scale}, series: import('uplot').Series[]}} parts  x's scale,
 *   lossY's or accuracyY's y, and the series after x's
 * @returns {import('uplot').Options}
 */
export function chartOptions(theme, { width, height, cursor, x, y, series }) {
  return {
    width,
    height,
    padding: [12, 12, 0, 0],
    cursor,
    scales: { x, y: y.scale },
    axes: [axis(theme, 'epoch', { values: epochValues, size: 36 }), y.axis],
    series: [{}, ...series],
  };
}

/** The size of the element a chart fills (sized by CSS), but never below the minimum. */
export function chartSize(
  /** @type {Element} */ element,
  /** @type {number} */ minWidth,
  /** @type {number} */ minHeight,
) {
  const rect = element.getBoundingClientRect();
  return {
    width: Math.max(minWidth, Math.floor(rect.width)),
    height: Math.max(minHeight, Math.floor(rect.height)),
  };
}

/** Resizes a plot to its element's size, when that changed. */
export function fitChart(
  /** @type {uPlot} */ plot,
  /** @type {{width: number, height: number}} */ { width, height },
) {
  if (width !== plot.width || height !== plot.height) plot.setSize({ width, height });
}
