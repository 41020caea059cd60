// The label row under the pad: after each reading, one button per digit (the network's guess
// marked) says what the drawing really was; pressing one, or typing the digit, keeps the drawing
// with that label and clears the pad. Collect mode asks for the digit you have fewest of.
import { setText } from '../../../lib/page/dom.js';
import { nextToCollect } from '../shared/contract.js';

// Fields where a digit types (a checkbox or a button does not).
const TEXT_ENTRY =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]), textarea, select, [contenteditable]:not([contenteditable="false"])';

/** @typedef {import('../../drawing/page/drawing-reader.js').Reading} Reading */

export class LabelRow {
  /** @type {Reading | null} */
  #reading = null;
  /** @type {number[]} kept digits per class, for collect mode's prompt */
  #counts = new Array(10).fill(0);

  /**
   * @param {HTMLElement} root  the teach-label group
   * @param {(label: number, reading: Reading) => void} onLabel
   */
  constructor(root, onLabel) {
    this.root = root;
    this.onLabel = onLabel;
    this.buttons = /** @type {HTMLButtonElement[]} */ (
      Array.from(root.querySelectorAll('button[data-digit]'))
    );
    this.hint = /** @type {HTMLElement} */ (root.querySelector('#teach-label-hint'));
    this.collect = /** @type {HTMLInputElement} */ (root.querySelector('#teach-collect'));
    this.prompt = /** @type {HTMLElement} */ (root.querySelector('#teach-prompt'));
    for (const button of this.buttons) {
      button.addEventListener('click', () => this.label(Number(button.dataset.digit)));
    }
    this.collect.addEventListener('change', () => this.#showPrompt());
    // A digit key labels the drawing when focus is not in a text field (as C clears the pad).
    document.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!/^[0-9]$/.test(event.key) || !this.#reading) return;
      if (event.target instanceof Element && event.target.closest(TEXT_ENTRY)) return;
      event.preventDefault();
      this.label(Number(event.key));
    });
  }

  /** The pad's latest reading (null: nothing to label). */
  setReading(/** @type {Reading | null} */ reading) {
    this.#reading = reading;
    for (const button of this.buttons) {
      const digit = Number(button.dataset.digit);
      const guess = reading !== null && reading.digit === digit;
      button.disabled = reading === null;
      button.classList.toggle('guess', guess);
      button.setAttribute('aria-label', guess ? `${digit}, the network's guess` : String(digit));
    }
    setText(
      this.hint,
      reading
        ? `It read ${reading.digit}: press ${reading.digit} if right, or the digit it really is.`
        : 'Draw a digit, then press the right one (or type it) to keep it for teaching.',
    );
  }

  /** How many of each digit are kept: collect mode asks for the scarcest. */
  setCounts(/** @type {number[]} */ counts) {
    this.#counts = counts;
    this.#showPrompt();
  }

  /** Keeps the current drawing as `digit`. */
  label(/** @type {number} */ digit) {
    const reading = this.#reading;
    if (!reading) return;
    this.#reading = null;
    this.onLabel(digit, reading);
  }

  #showPrompt() {
    const on = this.collect.checked;
    this.root.dataset.collect = String(on);
    const wanted = nextToCollect(this.#counts);
    this.prompt.dataset.digit = on ? String(wanted) : '';
    setText(this.prompt, on ? `Draw a ${wanted}` : '');
    for (const button of this.buttons)
      button.classList.toggle('wanted', on && Number(button.dataset.digit) === wanted);
  }
}
