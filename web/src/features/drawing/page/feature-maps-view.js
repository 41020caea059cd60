// The drawn digit's feature maps, ConvNetJS-style: for each convolution and pooling of a CNN, a
// row of small images, one per channel, all of a layer on one scale (feature-maps.js). Shown
// where an MLP shows its hidden layer; hidden for a model without convolutions.
import { CellGrid } from '../../../lib/page/cell-grid.js';
import { setText } from '../../../lib/page/dom.js';
import { onColourSchemeChange, readColours, SIGNED_COLOURS } from '../../../lib/page/colours.js';
import { MAX_MAP_COLUMNS, MAP_PX, mapBlock, mapScale, mapsSummary } from './feature-maps.js';

/** @type {import('../../../lib/page/colours.js').ColourProperties} */
const COLOURS = {
  off: ['--bar-track', [233, 237, 243]],
  on: ['--bar', [47, 99, 214]],
  ...SIGNED_COLOURS,
};
/** The width of a full row of maps, in canvas pixels (a shorter row gets its share of the width). */
const FULL_ROW = MAX_MAP_COLUMNS * (MAP_PX + 1) - 1;

export class FeatureMapsView {
  /** @param {{root: HTMLElement, list: HTMLElement, note: HTMLElement}} elements */
  constructor({ root, list, note }) {
    this.root = root;
    this.list = list;
    this.note = note;
    this.colours = readColours(root, COLOURS);
    /** @type {import('../shared/contract.js').FeatureMaps[]} */
    this.maps = [];
    onColourSchemeChange(() => {
      this.colours = readColours(root, COLOURS);
      this.show(this.maps);
    });
  }

  /** The feature maps of the drawing just read (empty: the model has no convolution). */
  show(/** @type {import('../shared/contract.js').FeatureMaps[]} */ maps) {
    this.maps = maps;
    if (maps.length === 0) {
      this.clear();
      return;
    }
    // One row per layer, kept between drawings (a canvas resized only when its grid changes).
    while (this.list.children.length > maps.length) this.list.lastElementChild?.remove();
    while (this.list.children.length < maps.length) this.list.append(newRow());
    maps.forEach((layer, i) => this.drawLayer(/** @type {HTMLElement} */ (this.list.children[i]), layer));
    const channels = maps.reduce((sum, layer) => sum + layer.channels, 0);
    setText(this.note, `${maps.length} layers, ${channels} maps`);
    this.root.hidden = false;
  }

  drawLayer(
    /** @type {HTMLElement} */ row,
    /** @type {import('../shared/contract.js').FeatureMaps} */ layer,
  ) {
    const { channels, height, width, values } = layer;
    const label = /** @type {HTMLElement} */ (row.firstElementChild);
    const canvas = /** @type {HTMLCanvasElement} */ (row.lastElementChild);
    const block = mapBlock(Math.max(height, width));
    const cols = Math.min(channels, MAX_MAP_COLUMNS);
    const grid = new CellGrid(channels, cols, Math.max(height, width) * block);
    grid.fit(canvas);
    canvas.style.width = `${((100 * grid.width) / FULL_ROW).toFixed(2)}%`;
    const { signed, scale } = mapScale(values);
    const { off, on, negative, zero, positive } = this.colours;
    const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const image = context.createImageData(grid.width, grid.height); // transparent gaps
    const rgba = image.data;
    const area = height * width;
    for (let c = 0; c < channels; c += 1) {
      const x0 = grid.left(c);
      const y0 = grid.top(c);
      for (let y = 0; y < height * block; y += 1) {
        for (let x = 0; x < width * block; x += 1) {
          const raw = values[c * area + Math.floor(y / block) * width + Math.floor(x / block)];
          const v = Number.isFinite(raw) ? raw / scale : 0;
          const t = Math.min(1, Math.abs(v));
          const from = signed ? zero : off;
          const to = signed ? (v < 0 ? negative : positive) : on;
          const at = ((y0 + y) * grid.width + x0 + x) * 4;
          rgba[at] = from[0] + (to[0] - from[0]) * t;
          rgba[at + 1] = from[1] + (to[1] - from[1]) * t;
          rgba[at + 2] = from[2] + (to[2] - from[2]) * t;
          rgba[at + 3] = 255;
        }
      }
    }
    context.putImageData(image, 0, 0);
    const summary = mapsSummary(layer);
    setText(label, summary);
    row.dataset.layer = String(layer.layer);
    row.dataset.kind = layer.kind;
    canvas.setAttribute(
      'aria-label',
      `Feature maps of the drawing after ${summary}${signed ? ', red positive, blue negative' : ''}`,
    );
  }

  /** The pad was cleared, or the model has no convolution. */
  clear() {
    this.maps = [];
    this.root.hidden = true;
  }
}

/** A layer's row: its name, then its maps. */
function newRow() {
  const row = document.createElement('li');
  row.className = 'feature-maps-layer';
  const label = document.createElement('span');
  label.className = 'feature-maps-name';
  const canvas = document.createElement('canvas');
  canvas.className = 'feature-maps-canvas';
  canvas.setAttribute('role', 'img');
  row.append(label, canvas);
  return row;
}
