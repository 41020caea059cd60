// The run comparison's two charts (uPlot), one series per run of the session: validation accuracy
// per epoch, and a loss chart showing either the validation loss per epoch or the smoothed
// training loss. A run keeps its colour (--run-1 .. --run-8 by its number). The runs table beside
// them is the legend; hovering a curve brings it forward.
import uPlot from '../../vendor/uplot/uPlot.esm.js';
import { axis, epochValues, oneTwoFive, readTheme, snapDown, snapUp } from './charts.js';
import { loss as formatLoss } from './format.js';

export const RUN_COLOURS = 8;

/** The colour slot (1..RUN_COLOURS) of a run. */
export function colourSlot(id) {
  return ((id - 1) % RUN_COLOURS) + 1;
}

function runColours() {
  const css = getComputedStyle(document.documentElement);
  return Array.from(
    { length: RUN_COLOURS },
    (_, i) => css.getPropertyValue(`--run-${i + 1}`).trim() || '#888',
  );
}

/** [x, y] of one run for a chart; x ascending. */
function runTable(run, kind) {
  if (kind === 'train') return [run.trainCurve.x.slice(), run.trainCurve.y.slice()];
  const x = run.epochs.map((e) => e.epoch);
  const y = run.epochs.map((e) =>
    kind === 'accuracy' ? (e.valAccuracy == null ? null : e.valAccuracy * 100) : e.valLoss,
  );
  return [x, y];
}

class RunsChart {
  /**
   * @param {HTMLElement} element
   * @param {'accuracy'|'loss'} role
   * @param {() => string} getKind  what the series show: 'accuracy', 'val' or 'train'
   */
  constructor(element, role, getKind) {
    this.element = element;
    this.role = role;
    this.getKind = getKind;
    this.plot = null;
    this.signature = '';
  }

  size() {
    const rect = this.element.getBoundingClientRect();
    return { width: Math.max(160, Math.floor(rect.width)), height: Math.max(140, Math.floor(rect.height)) };
  }

  /** Draws the runs; the plot is rebuilt when the set of runs (or the kind) changes. */
  draw(runs, maxEpochs) {
    const kind = this.getKind();
    const signature = `${kind}:${runs.map((r) => r.id).join(',')}`;
    const tables = runs.map((run) => runTable(run, kind));
    const data = tables.length ? uPlot.join(tables) : [[]];
    this.maxEpochs = maxEpochs;
    if (!this.plot || signature !== this.signature) {
      this.signature = signature;
      this.build(runs, kind, data);
    } else {
      this.plot.setData(data, true);
    }
  }

  build(runs, kind, data) {
    if (this.plot) this.plot.destroy();
    const theme = readTheme();
    const colours = runColours();
    const { width, height } = this.size();
    const isLoss = kind !== 'accuracy';
    const yAxis = isLoss
      ? axis(theme, kind === 'train' ? 'training loss (smoothed, log)' : 'validation loss (log)', {
          size: 50,
          values: (u, splits) => splits.map((v) => (v == null ? '' : formatLoss(v))),
        })
      : axis(theme, 'validation accuracy', {
          size: 50,
          values: (u, splits) => splits.map((v) => (v == null ? '' : `${+v.toFixed(1)}%`)),
        });
    if (isLoss) {
      yAxis.filter = oneTwoFive;
      yAxis.grid.filter = oneTwoFive;
      yAxis.ticks.filter = oneTwoFive;
    }
    const options = {
      width,
      height,
      padding: [12, 12, 0, 0],
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 }, focus: { prox: 24 } },
      focus: { alpha: 0.25 },
      scales: {
        x: {
          time: false,
          range: (u, min, max) => [0, Math.max(1, this.maxEpochs || 1, Number.isFinite(max) ? max : 0)],
        },
        y: isLoss
          ? {
              distr: 3,
              range: (u, min, max) => {
                if (!Number.isFinite(min) || !Number.isFinite(max)) return [0.05, 5];
                const lo = Math.max(min, 1e-6) / 1.3;
                return [snapDown(lo), snapUp(Math.max(max * 1.3, lo * 3))];
              },
            }
          : {
              range: (u, min, max) => {
                if (!Number.isFinite(min) || !Number.isFinite(max)) return [80, 100];
                const lo = Math.max(0, Math.floor(min - 0.5));
                const hi = Math.min(100, Math.ceil(max + 0.5));
                return [Math.min(lo, hi - 2), Math.max(hi, lo + 2)];
              },
            },
      },
      axes: [axis(theme, 'epoch', { values: epochValues, size: 36 }), yAxis],
      series: [
        {},
        ...runs.map((run) => {
          const colour = colours[colourSlot(run.id) - 1];
          return {
            label: `${run.id}. ${run.label}`,
            stroke: colour,
            width: 2,
            spanGaps: true,
            points:
              kind === 'train'
                ? { show: false }
                : { show: true, size: 5, fill: colour, stroke: colour, width: 1 },
          };
        }),
      ],
    };
    this.plot = new uPlot(options, data, this.element);
  }

  resize() {
    if (!this.plot) return;
    const { width, height } = this.size();
    if (width !== this.plot.width || height !== this.plot.height) this.plot.setSize({ width, height });
  }

  rebuild() {
    this.signature = '';
  }
}

export class ComparisonCharts {
  /**
   * @param {{accuracyElement: HTMLElement, lossElement: HTMLElement,
   *          runs: import('./session-runs.js').SessionRuns}} options
   */
  constructor({ accuracyElement, lossElement, runs }) {
    this.runs = runs;
    this.lossKind = 'val';
    this.frame = 0;
    this.drawnVersion = -1;
    this.accuracy = new RunsChart(accuracyElement, 'accuracy', () => 'accuracy');
    this.loss = new RunsChart(lossElement, 'loss', () => this.lossKind);
    const observer = new ResizeObserver(() => {
      this.needsResize = true;
      this.schedule();
    });
    observer.observe(accuracyElement);
    observer.observe(lossElement);
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      this.accuracy.rebuild();
      this.loss.rebuild();
      this.drawnVersion = -1;
      this.schedule();
    });
  }

  /** 'val' (validation loss per epoch) or 'train' (smoothed training loss). */
  setLossKind(kind) {
    if (kind === this.lossKind) return;
    this.lossKind = kind;
    this.drawnVersion = -1;
    this.schedule();
  }

  /** Redraws on the next frame if the runs changed. */
  invalidate() {
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.needsResize) {
        this.needsResize = false;
        this.accuracy.resize();
        this.loss.resize();
      }
      if (this.drawnVersion === this.runs.version) return;
      this.drawnVersion = this.runs.version;
      const runs = this.runs.runs;
      const maxEpochs = runs.reduce((m, run) => Math.max(m, run.config.epochs || 0), 1);
      this.accuracy.draw(runs, maxEpochs);
      this.loss.draw(runs, maxEpochs);
    });
  }
}
