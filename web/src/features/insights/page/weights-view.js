// The first layer's weights as images, one 28 x 28 tile per hidden unit (as ConvNetJS shows
// them): blue where a pixel's ink pushes the unit down, red where it pushes it up, each tile
// scaled to its own largest |w|. All tiles are drawn into one canvas, at most once per animation
// frame. The worker streams the weights only while the tiles can be seen (onWatch).
import { oncePerFrame } from '../../../lib/page/animation-frame.js';
import { CellGrid } from '../../../lib/page/cell-grid.js';
import { onColourSchemeChange, readColours, SIGNED_COLOURS } from '../../../lib/page/colours.js';

const MIN_TILE_PX = 36; // CSS pixels a tile should at least get on screen
const MIN_COLUMNS = 4;
const MAX_COLUMNS = 16;
/** @type {import('../../../lib/page/colours.js').ColourProperties} */
const COLOURS = { ...SIGNED_COLOURS, gap: ['--weights-gap', [255, 255, 255]] };

export class WeightsView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.section   watched for visibility
   * @param {HTMLCanvasElement} options.canvas
   * @param {HTMLElement} options.summary
   * @param {(enabled: boolean) => void} options.onWatch  start/stop the worker's stream
   */
  constructor({ section, canvas, summary, onWatch }) {
    this.section = section;
    this.canvas = canvas;
    this.summary = summary;
    this.onWatch = onWatch;
    this.latest = null;
    /** Draws the latest weights on the next frame (many messages, one drawing). */
    this.schedule = oncePerFrame(() => this.draw());
    this.intersecting = false;
    this.watching = false;
    this.grid = null; // the tiles of the last drawing, for the pointer's tile
    this.colours = readColours(canvas, COLOURS);

    new IntersectionObserver(
      (entries) => {
        this.intersecting = entries.some((entry) => entry.isIntersecting);
        this.updateWatching();
      },
      { rootMargin: '100px' },
    ).observe(section);
    document.addEventListener('visibilitychange', () => this.updateWatching());
    onColourSchemeChange(() => {
      this.colours = readColours(canvas, COLOURS);
      this.schedule();
    });
    // The grid has fewer columns on a narrow screen: redraw when their number changes.
    new ResizeObserver(() => {
      if (this.latest && this.columnsFor(this.latest.units) !== this.grid?.cols) this.schedule();
    }).observe(section);
    canvas.addEventListener('pointermove', (event) => this.pointAt(event));
  }

  /** The tiles are on screen and the page is visible. */
  get visible() {
    return this.intersecting && document.visibilityState === 'visible';
  }

  updateWatching() {
    const watching = this.visible;
    if (watching === this.watching) return;
    this.watching = watching;
    this.onWatch(watching);
    if (watching && this.latest) this.schedule();
  }

  /** A WEIGHTS message: kept, drawn on the next frame (many messages, one drawing). */
  apply(/** @type {import('../shared/contract.js').Weights} */ message) {
    this.latest = message;
    this.schedule();
  }

  /** No model: nothing to draw. */
  clear() {
    this.latest = null;
    this.schedule();
  }

  /** Tiles of about MIN_TILE_PX or more, at most MAX_COLUMNS a row. */
  columnsFor(/** @type {number} */ units) {
    const width = this.section.getBoundingClientRect().width;
    const cols = Math.max(MIN_COLUMNS, Math.min(MAX_COLUMNS, Math.floor(width / MIN_TILE_PX)));
    return Math.max(1, Math.min(units, cols));
  }

  draw() {
    const message = this.latest;
    if (!message || !(message.units > 0) || !message.weights) {
      this.canvas.hidden = true;
      this.summary.textContent = message?.reason || 'The weights appear when there is a model.';
      this.grid = null;
      return;
    }
    const { units, inputs, weights } = message;
    const side = Math.round(Math.sqrt(inputs));
    if (side * side !== inputs) {
      this.canvas.hidden = true;
      this.summary.textContent = `The first layer takes ${inputs} inputs, which are not a square image.`;
      return;
    }
    const grid = new CellGrid(units, this.columnsFor(units), side);
    grid.fit(this.canvas);
    const { width, height } = grid;
    const context = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext('2d'));
    const image = context.createImageData(width, height);
    const rgba = image.data;
    const { negative, zero, positive, gap } = this.colours;
    for (let i = 0; i < width * height; i += 1) {
      rgba[i * 4] = gap[0];
      rgba[i * 4 + 1] = gap[1];
      rgba[i * 4 + 2] = gap[2];
      rgba[i * 4 + 3] = 255;
    }
    for (let unit = 0; unit < units; unit += 1) {
      const offset = unit * inputs;
      let max = 0;
      for (let k = 0; k < inputs; k += 1) max = Math.max(max, Math.abs(weights[offset + k]));
      const scale = max > 0 && Number.isFinite(max) ? 1 / max : 0;
      const x0 = grid.left(unit);
      const y0 = grid.top(unit);
      for (let y = 0; y < side; y += 1) {
        for (let x = 0; x < side; x += 1) {
          const w = weights[offset + y * side + x] * scale;
          const t = Number.isFinite(w) ? Math.min(1, Math.abs(w)) : 0;
          const end = w < 0 ? negative : positive;
          const at = ((y0 + y) * width + x0 + x) * 4;
          rgba[at] = zero[0] + (end[0] - zero[0]) * t;
          rgba[at + 1] = zero[1] + (end[1] - zero[1]) * t;
          rgba[at + 2] = zero[2] + (end[2] - zero[2]) * t;
        }
      }
    }
    context.putImageData(image, 0, 0);
    this.canvas.hidden = false;
    this.grid = grid;
    const shown = units < (message.totalUnits ?? units) ? ` (the first ${units})` : '';
    this.canvas.setAttribute(
      'aria-label',
      `The input weights of ${units} hidden units${shown}, each drawn as a ${side} by ${side} image`,
    );
    this.summary.textContent = `${units} hidden units${shown}, one tile each: red where ink raises the unit, blue where it lowers it.`;
  }

  /** The tile under the pointer names its unit (a tooltip). */
  pointAt(/** @type {PointerEvent} */ event) {
    if (!this.grid) return;
    const rect = this.canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / rect.width) * this.canvas.width;
    const y = ((event.clientY - rect.top) / rect.height) * this.canvas.height;
    const unit = this.grid.cellAt(x, y);
    const title = unit >= 0 ? `hidden unit ${unit + 1}` : '';
    if (this.canvas.title !== title) this.canvas.title = title;
  }
}
