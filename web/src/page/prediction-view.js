// The answer to a drawing: the digit (data-digit: the class index), how many answers have been
// shown (data-seq), a bar and a percentage per class (named by the class names), and the 28 x 28
// image the network saw. Only the answer to the latest request is shown; answers to older requests
// (or to a drawing since cleared) are stale.
import { percent } from './format.js';

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
    this.seenContext = seen.getContext('2d');
    this.latestRequest = 0; // 0: nothing expected
    this.seq = 0;
    this.names = Array.from({ length: DIGITS }, (_, d) => String(d));
    this.shown = null; // {digit, probabilities} on display, to rename in place
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
  setNames(names, classes = DIGITS) {
    this.names = Array.from({ length: DIGITS }, (_, d) => names[d] ?? String(d));
    const long = this.names.some((name) => name.length > 2);
    this.rows.forEach((row, d) => {
      row.label.textContent = this.names[d];
      row.item.hidden = d >= classes;
    });
    this.rows[0].item.parentElement.classList.toggle('has-long-names', long);
    if (this.shown) this.show(this.shown.digit, this.shown.probabilities);
  }

  /** A request for the current drawing was sent; only its answer will be shown. */
  expect(requestId) {
    this.latestRequest = requestId;
    this.root.setAttribute('aria-busy', 'true');
  }

  get waiting() {
    return this.root.getAttribute('aria-busy') === 'true';
  }

  /** The pad was cleared: nothing is expected and nothing is shown. */
  clear() {
    this.latestRequest = 0;
    this.root.removeAttribute('aria-busy');
    this.showNothing('draw a digit');
  }

  /**
   * A PREDICTION message. Returns whether it was shown.
   * @param {{requestId: number, empty: boolean, digit: number, probabilities: Float32Array,
   *          image: Uint8Array, message?: string}} answer  (message: why there is no answer,
   *          e.g. the model is still loading)
   */
  apply(answer) {
    if (!this.latestRequest || answer.requestId !== this.latestRequest) return false;
    this.root.removeAttribute('aria-busy');
    if (answer.empty || answer.digit < 0) {
      this.showNothing(answer.message || 'draw a digit');
    } else {
      this.show(answer.digit, answer.probabilities);
    }
    this.drawSeen(answer.empty ? null : answer.image);
    this.seq += 1;
    this.root.dataset.seq = String(this.seq);
    return true;
  }

  /** An ERROR answering the latest request (no model yet, for example). */
  fail(requestId, message) {
    if (requestId !== this.latestRequest) return false;
    this.root.removeAttribute('aria-busy');
    this.showNothing(message);
    return true;
  }

  show(digit, probabilities) {
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

  showNothing(text) {
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
    this.drawSeen(null);
  }

  /** The network's 28 x 28 input, white ink on black as in MNIST. */
  drawSeen(image) {
    const ctx = this.seenContext;
    const { width, height } = this.seen;
    const pixels = ctx.createImageData(width, height);
    const rgba = pixels.data;
    for (let i = 0; i < width * height; i += 1) {
      const v = image && i < image.length ? image[i] : 0;
      rgba[i * 4] = v;
      rgba[i * 4 + 1] = v;
      rgba[i * 4 + 2] = v;
      rgba[i * 4 + 3] = 255;
    }
    ctx.putImageData(pixels, 0, 0);
  }
}
