// The gallery of misclassified test images, the most confident mistakes first: each image as the
// network saw it (28 x 28, white on black, pixelated) with "true 4 → read 9 (87%)". Two rows are
// shown at first; "Show all" opens the rest.
import { DIGIT_PIXELS as PIXELS, drawDigitImage } from '../../../lib/page/digit-image.js';
import { integer, percent } from '../../../lib/shared/format.js';

const SIDE = 28;
/** Rows shown before "Show all". */
const FIRST_ROWS = 2;
/** The grid's minimum item width and column gap (styles.css, .mistakes). */
const ITEM_MIN_PX = 92;
const GAP_PX = 10;

export class MistakesView {
  /** @param {{list: HTMLOListElement, summary: HTMLElement, more: HTMLButtonElement}} elements */
  constructor({ list, summary, more }) {
    this.list = list;
    this.summary = summary;
    this.more = more;
    this.expanded = false;
    this.count = 0;
    /** @type {Map<HTMLCanvasElement, Uint8Array>} images not drawn yet */
    this.pixels = new Map();
    this.restTimer = 0;
    this.columns = 0;
    this.more.addEventListener('click', () => {
      this.expanded = !this.expanded;
      this.applyExpanded();
    });
    this.width = 0;
    // The number of columns follows the width; the first rows stay whole rows. (Computed from
    // the observed width: reading the grid's style would force a layout of the whole page.)
    new ResizeObserver((entries) => {
      this.width = entries[entries.length - 1].contentRect.width;
      if (this.measureColumns() !== this.columns) this.applyExpanded();
    }).observe(list);
  }

  measureColumns() {
    return Math.max(1, Math.floor((this.width + GAP_PX) / (ITEM_MIN_PX + GAP_PX)));
  }

  /**
   * @param {{mistakes: Int32Array, confidences: Float32Array, images: Uint8Array,
   *          confusion: Int32Array, classes: number}|null} evaluation  (protocol Evaluation)
   * @param {string[]} names  the class names
   */
  render(evaluation, names) {
    const mistakes = evaluation && evaluation.mistakes ? evaluation.mistakes : new Int32Array(0);
    const confidences = evaluation && evaluation.confidences ? evaluation.confidences : new Float32Array(0);
    const images = evaluation && evaluation.images ? evaluation.images : new Uint8Array(0);
    const count = Math.min(
      Math.floor(mistakes.length / 3),
      confidences.length,
      Math.floor(images.length / PIXELS),
    );
    const label = (/** @type {number} */ i) => names[i] ?? String(i);
    const items = [];
    this.pixels = new Map();
    for (let m = 0; m < count; m += 1) {
      const index = mistakes[3 * m];
      const truth = mistakes[3 * m + 1];
      const read = mistakes[3 * m + 2];
      const confidence = confidences[m];
      const item = document.createElement('li');
      item.className = 'mistake';
      const canvas = document.createElement('canvas');
      canvas.width = SIDE;
      canvas.height = SIDE;
      canvas.className = 'mistake-image';
      canvas.setAttribute('role', 'img');
      canvas.setAttribute(
        'aria-label',
        `Test image ${index + 1}: a ${label(truth)}, read as ${label(read)} with ${percent(confidence, 0)} confidence`,
      );
      // The rows on show are drawn at once, the rest a moment later (drawRest): sixty canvases
      // in one go would make a long task.
      this.pixels.set(canvas, images.slice(m * PIXELS, (m + 1) * PIXELS));
      const caption = document.createElement('span');
      caption.className = 'mistake-caption';
      caption.setAttribute('aria-hidden', 'true'); // the image's label says it all
      const truthText = document.createElement('span');
      truthText.textContent = `true ${label(truth)}`;
      const readText = document.createElement('span');
      readText.className = 'mistake-read';
      readText.textContent = `→ read ${label(read)} (${percent(confidence, 0)})`;
      caption.append(truthText, ' ', readText);
      item.append(canvas, caption);
      items.push(item);
    }
    this.list.replaceChildren(...items);
    this.count = count;
    if (!evaluation) {
      this.summary.textContent = '';
    } else {
      const wrong = totalMistakes(evaluation);
      this.summary.textContent =
        count === 0
          ? 'No test image was misread.'
          : `The ${count === wrong ? '' : `${integer(count)} most confident of the `}${integer(wrong)} test images it misread, most confident first.`;
    }
    this.applyExpanded();
    clearTimeout(this.restTimer);
    this.restTimer = setTimeout(() => this.drawRest(), 50);
  }

  /** Draws the images not drawn yet (those beyond the first rows). */
  drawRest() {
    for (const [canvas, pixels] of this.pixels) drawDigitImage(canvas, pixels);
    this.pixels.clear();
  }

  applyExpanded() {
    this.columns = this.measureColumns();
    const first = Math.max(8, FIRST_ROWS * this.columns);
    const shown = this.expanded ? this.count : Math.min(this.count, first);
    [...this.list.children].forEach((element, i) => {
      const item = /** @type {HTMLElement} */ (element);
      item.hidden = i >= shown;
      const canvas = /** @type {HTMLCanvasElement} */ (item.firstElementChild);
      if (!item.hidden && this.pixels.has(canvas)) {
        drawDigitImage(canvas, this.pixels.get(canvas) ?? null);
        this.pixels.delete(canvas);
      }
    });
    this.more.hidden = this.count <= first;
    this.more.textContent = this.expanded ? 'Show fewer' : `Show all ${this.count}`;
    this.more.setAttribute('aria-expanded', String(this.expanded));
  }
}

/** The number of off-diagonal counts in the confusion matrix. */
/** @param {{confusion: Int32Array, classes: number}} evaluation */
function totalMistakes({ confusion, classes }) {
  if (!confusion || !(classes > 0)) return 0;
  let wrong = 0;
  for (let t = 0; t < classes; t += 1) {
    for (let p = 0; p < classes; p += 1) if (t !== p) wrong += confusion[t * classes + p];
  }
  return wrong;
}
