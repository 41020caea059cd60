// A canvas drawn as a grid of square cells one canvas pixel apart, `cols` to a row: the weight
// tiles (a 28 x 28 image each) and the hidden layer's activations (a few pixels each).

const GAP = 1; // canvas pixels between cells

export class CellGrid {
  /**
   * @param {number} count  cells
   * @param {number} cols   cells a row
   * @param {number} side   canvas pixels a cell
   */
  constructor(count, cols, side) {
    this.count = count;
    this.cols = cols;
    this.side = side;
    this.step = side + GAP;
    this.rows = Math.ceil(count / cols);
    this.width = cols * this.step - GAP;
    this.height = this.rows * this.step - GAP;
  }

  /** Sizes the canvas to the grid (only when it differs: resizing clears a canvas). */
  fit(/** @type {HTMLCanvasElement} */ canvas) {
    if (canvas.width !== this.width) canvas.width = this.width;
    if (canvas.height !== this.height) canvas.height = this.height;
  }

  /** The canvas x of cell i's left edge. */
  left(/** @type {number} */ i) {
    return (i % this.cols) * this.step;
  }

  /** The canvas y of cell i's top edge. */
  top(/** @type {number} */ i) {
    return Math.floor(i / this.cols) * this.step;
  }

  /** The cell at canvas pixel (x, y), or -1 for none. */
  cellAt(/** @type {number} */ x, /** @type {number} */ y) {
    const i = Math.floor(y / this.step) * this.cols + Math.floor(x / this.step);
    return i >= 0 && i < this.count ? i : -1;
  }
}
