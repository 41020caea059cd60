// The drawn digit's hidden layer: one cell per unit of the first hidden dense layer (a CNN's
// comes after its feature maps), shaded by its activation (Prediction.hidden), beside the output
// probabilities. Non-negative activations
// (ReLU, sigmoid) go from the track colour to the bar colour; signed ones (tanh) use the weight
// tiles' blue-red scale.
import { CellGrid } from '../../../lib/page/cell-grid.js';
import { onColourSchemeChange, readColours, SIGNED_COLOURS } from '../../../lib/page/colours.js';

const CELL = 6; // canvas pixels per cell
const MAX_COLUMNS = 32;
/** @type {import('../../../lib/page/colours.js').ColourProperties} */
const COLOURS = {
  off: ['--bar-track', [233, 237, 243]],
  on: ['--bar', [47, 99, 214]],
  ...SIGNED_COLOURS,
};

export class ActivationsView {
  /** @param {{root: HTMLElement, canvas: HTMLCanvasElement, title: HTMLElement,
   *           note: HTMLElement}} elements */
  constructor({ root, canvas, title, note }) {
    this.root = root;
    this.canvas = canvas;
    this.title = title;
    this.note = note;
    this.colours = readColours(canvas, COLOURS);
    this.values = null;
    this.titleText = 'Hidden layer';
    onColourSchemeChange(() => {
      this.colours = readColours(canvas, COLOURS);
      if (this.values) this.show(this.values);
    });
  }

  /**
   * The hidden activations of the drawing just read (null: the model has no hidden layer).
   * @param {Float32Array|null} values
   * @param {string} [title]  which layer they are ("Hidden layer", "First dense layer", ...)
   */
  show(values, title = this.titleText) {
    this.values = values;
    this.titleText = title;
    this.title.textContent = title;
    if (!values || values.length === 0) {
      this.root.hidden = true;
      return;
    }
    const units = values.length;
    const grid = new CellGrid(units, Math.min(units, MAX_COLUMNS), CELL);
    grid.fit(this.canvas);
    let min = 0;
    let max = 0;
    let active = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (v > 0) active += 1;
    }
    const signed = min < 0;
    const scale = signed ? Math.max(max, -min) : max > 1 ? max : 1; // sigmoid's range is 0..1
    const context = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    context.clearRect(0, 0, grid.width, grid.height);
    const { off, on, negative, zero, positive } = this.colours;
    for (let i = 0; i < units; i += 1) {
      const v = Number.isFinite(values[i]) ? values[i] / (scale || 1) : 0;
      const t = Math.min(1, Math.abs(v));
      const from = signed ? zero : off;
      const to = signed ? (v < 0 ? negative : positive) : on;
      context.fillStyle = `rgb(${mix(from[0], to[0], t)}, ${mix(from[1], to[1], t)}, ${mix(from[2], to[2], t)})`;
      context.fillRect(grid.left(i), grid.top(i), CELL, CELL);
    }
    const summary = signed
      ? `${units} units: red positive, blue negative`
      : `${units} units, ${active} active`;
    this.note.textContent = summary;
    this.canvas.setAttribute('aria-label', `${title} activations for the drawing: ${summary}`);
    this.root.hidden = false;
  }

  /** The pad was cleared. */
  clear() {
    this.values = null;
    this.root.hidden = true;
  }
}

function mix(/** @type {number} */ a, /** @type {number} */ b, /** @type {number} */ t) {
  return Math.round(a + (b - a) * t);
}
