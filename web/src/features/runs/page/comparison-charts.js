// The run comparison's two charts (uPlot), one series per run of the session: validation accuracy
// per epoch, and a loss chart showing either the validation loss per epoch or the smoothed
// training loss. A run keeps its colour (--run-1 .. --run-8 by its number). The runs table beside
// them is the legend; hovering a curve brings it forward.
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

export const RUN_COLOURS = 8;
const LOSS_LABELS = { val: 'validation loss (log)', train: 'training loss (smoothed, log)' };

/**
 * @typedef {import('./session-runs.js').RunRecord} RunRecord
 * @typedef {'accuracy' | 'val' | 'train'} Kind  what a chart's series show
 */

/** The colour slot (1..RUN_COLOURS) of a run. */
export function colourSlot(/** @type {number} */ id) {
  return ((id - 1) % RUN_COLOURS) + 1;
}

function runColours() {
  const css = getComputedStyle(document.documentElement);
  return Array.from(
    { length: RUN_COLOURS },
    (_, i) => css.getPropertyValue(`--run-${i + 1}`).trim() || '#888',
  );
}

/** [x, y] of one run for a chart; x ascending.
 *  @param {RunRecord} run  @param {Kind} kind  @returns {[number[], Array<number | null>]} */
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
   * @param {() => Kind} getKind  what the series show
   */
  constructor(element, role, getKind) {
    this.element = element;
    this.role = role;
    this.getKind = getKind;
    /** @type {uPlot | null} */
    this.plot = null;
    this.signature = '';
    this.maxEpochs = 1;
  }

  size() {
    return chartSize(this.element, 160, 140);
  }

  /** Draws the runs; the plot is rebuilt when the set of runs (or the kind) changes.
   *  @param {RunRecord[]} runs  @param {number} maxEpochs */
  draw(runs, maxEpochs) {
    const kind = this.getKind();
    const signature = `${kind}:${runs.map((r) => r.id).join(',')}`;
    const tables = runs.map((run) => runTable(run, kind));
    /** @type {import('uplot').AlignedData} */
    const data = tables.length ? uPlot.join(tables) : [[]];
    this.maxEpochs = maxEpochs;
    if (!this.plot || signature !== this.signature) {
      this.signature = signature;
      this.build(runs, kind, data);
    } else {
      this.plot.setData(data, true);
    }
  }

  /** @param {RunRecord[]} runs  @param {Kind} kind  @param {import('uplot').AlignedData} data */
  build(runs, kind, data) {
    if (this.plot) this.plot.destroy();
    const theme = readTheme();
    const colours = runColours();
    const { width, height } = this.size();
    const options = {
      ...chartOptions(theme, {
        width,
        height,
        cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 }, focus: { prox: 24 } },
        x: epochScale(() => Math.max(1, this.maxEpochs || 1)),
        y:
          kind === 'accuracy'
            ? accuracyY(theme, 'validation accuracy')
            : lossY(theme, LOSS_LABELS[kind === 'train' ? 'train' : 'val'], true),
        series: runs.map((run) => {
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
      }),
      legend: { show: false },
      focus: { alpha: 0.25 },
    };
    this.plot = new uPlot(options, data, this.element);
  }

  resize() {
    if (this.plot) fitChart(this.plot, this.size());
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
    /** @type {'val' | 'train'} */
    this.lossKind = 'val';
    this.needsResize = false;
    this.drawnVersion = -1;
    this.schedule = oncePerFrame(() => this.drawFrame());
    this.accuracy = new RunsChart(accuracyElement, 'accuracy', () => /** @type {Kind} */ ('accuracy'));
    this.loss = new RunsChart(lossElement, 'loss', () => this.lossKind);
    const observer = new ResizeObserver(() => {
      this.needsResize = true;
      this.schedule();
    });
    observer.observe(accuracyElement);
    observer.observe(lossElement);
    onColourSchemeChange(() => {
      this.accuracy.rebuild();
      this.loss.rebuild();
      this.drawnVersion = -1;
      this.schedule();
    });
  }

  /** 'val' (validation loss per epoch) or 'train' (smoothed training loss). */
  setLossKind(/** @type {'val' | 'train'} */ kind) {
    if (kind === this.lossKind) return;
    this.lossKind = kind;
    this.drawnVersion = -1;
    this.schedule();
  }

  /** Redraws on the next frame if the runs changed. */
  invalidate() {
    this.schedule();
  }

  drawFrame() {
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
  }
}
