// The answer to a drawing: the digit (data-digit: the class index), how many answers have been
// shown (data-seq), a bar and a percentage per class (named by the class names), and the 28 x 28
// image the network saw (drawing-reader.js decides which answers are shown: only the latest).
import { drawDigitImage } from '../../../lib/page/digit-image.js';
import { percent } from '../../../lib/shared/format.js';

const DIGITS = 10;

export class PredictionView {
  /**
   * @param {{root: HTMLElement, digit: HTMLElement, text: HTMLElement, list: HTMLOListElement,
   *          seen: HTMLCanvasElement}} elements
   */
  constructor({ root, digit, text, list, seen }) {
    this.root = root;
    this.digit = digit;
    this.text = text;
    this.seen = seen;
    this.seq = 0;
    this.names = Array.from({ length: DIGITS }, (_, d) => String(d));
    /** @type {{digit: number, probabilities: ArrayLike<number>} | null} on display, to rename in place */
    this.shown = null;
    /** @type {Array<{item: HTMLLIElement, label: HTMLElement, fill: HTMLElement, value: HTMLElement}>} */
    this.rows = [];
    for (let d = 0; d < DIGITS; d += 1) {
      const item = document.createElement('li');
      item.className = 'probability';
      const label = document.createElement('span');
      label.className = 'probability-digit';
      label.textContent = String(d);
      const bar = document.createElement('span');
      bar.className = 'probability-bar';
      bar.setAttribute('aria-hidden', 'true');
      const fill = document.createElement('span');
      fill.className = 'probability-fill';
      bar.append(fill);
      const value = document.createElement('span');
      value.className = 'probability-value';
      value.textContent = '–';
      item.append(label, bar, value);
      list.append(item);
      this.rows.push({ item, label, fill, value });
    }
    this.showNothing('draw a digit');
  }

  /** The class names (the bars' labels and the answer's words); `classes` rows are shown. */
  setNames(/** @type {string[]} */ names, classes = DIGITS) {
    this.names = Array.from({ length: DIGITS }, (_, d) => names[d] ?? String(d));
    const long = this.names.some((name) => name.length > 2);
    this.rows.forEach((row, d) => {
      row.label.textContent = this.names[d];
      row.item.hidden = d >= classes;
    });
    this.rows[0].item.parentElement?.classList.toggle('has-long-names', long);
    if (this.shown) this.show(this.shown.digit, this.shown.probabilities);
  }

  /** A drawing was sent; the answer will follow (or clear() drops it). */
  expect() {
    this.root.setAttribute('aria-busy', 'true');
  }

  get waiting() {
    return this.root.getAttribute('aria-busy') === 'true';
  }

  /** The pad was cleared: nothing is expected and nothing is shown. */
  clear() {
    this.root.removeAttribute('aria-busy');
    this.showNothing('draw a digit');
  }

  /**
   * The worker's answer to the latest drawing (`message`: why there is none, e.g. no model yet).
   * @param {import('../shared/contract.js').Prediction} answer
   */
  apply(answer) {
    this.root.removeAttribute('aria-busy');
    if (answer.empty || answer.digit < 0 || !answer.probabilities) {
      this.showNothing(answer.message || 'draw a digit');
    } else {
      this.show(answer.digit, answer.probabilities);
    }
    drawDigitImage(this.seen, answer.empty ? null : answer.image);
    this.seq += 1;
    this.root.dataset.seq = String(this.seq);
  }

  /** The drawing could not be read (the network stopped, say). */
  fail(/** @type {string} */ message) {
    this.root.removeAttribute('aria-busy');
    this.showNothing(message);
  }

  /** What a screen reader hears about the answer shown. */
  get sentence() {
    return this.shown
      ? `It reads ${this.names[this.shown.digit] ?? this.shown.digit}, ${percent(this.shown.probabilities[this.shown.digit], 0)} sure`
      : '';
  }

  show(/** @type {number} */ digit, /** @type {ArrayLike<number>} */ probabilities) {
    this.shown = { digit, probabilities };
    const confidence = probabilities[digit];
    const name = this.names[digit] ?? String(digit);
    this.root.dataset.digit = String(digit);
    this.root.dataset.empty = 'false';
    this.digit.textContent = name;
    const long = name.length > 2;
    this.digit.classList.toggle('is-long', long);
    if (long) {
      // The box shows the name already; a screen reader hears the whole sentence.
      const said = document.createElement('span');
      said.className = 'visually-hidden';
      said.textContent = `It reads ${name}, `;
      this.text.replaceChildren(said, `${percent(confidence, 0)} sure`);
    } else {
      this.text.textContent = `It reads ${name}, ${percent(confidence, 0)} sure`;
    }
    for (let d = 0; d < DIGITS; d += 1) {
      const p = Number.isFinite(probabilities[d]) ? Math.min(1, Math.max(0, probabilities[d])) : 0;
      const row = this.rows[d];
      row.fill.style.transform = `scaleX(${p})`;
      row.value.textContent = percent(p, 1);
      row.item.classList.toggle('is-top', d === digit);
    }
  }

  showNothing(/** @type {string} */ text) {
    this.shown = null;
    this.root.dataset.digit = '';
    this.root.dataset.empty = 'true';
    this.digit.textContent = '?';
    this.digit.classList.remove('is-long');
    this.text.textContent = text;
    for (const row of this.rows) {
      row.fill.style.transform = 'scaleX(0)';
      row.value.textContent = '–';
      row.item.classList.remove('is-top');
    }
    drawDigitImage(this.seen, null);
  }
}
