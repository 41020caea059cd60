// The "Your digits" gallery: kept digits grouped by class, each group with its count, each digit
// drawn as the network saw it with a button that deletes it.
import { drawDigitImage } from '../../../lib/page/digit-image.js';
import { setText } from '../../../lib/page/dom.js';
import { CLASSES, countPerClass } from '../shared/contract.js';

/** @typedef {import('../shared/contract.js').KeptDigit} KeptDigit */

export class DigitsGallery {
  /**
   * @param {{root: HTMLElement, summary: HTMLElement, groups: HTMLElement}} elements
   * @param {(id: number) => void} onDelete
   */
  constructor({ root, summary, groups }, onDelete) {
    this.root = root;
    this.summary = summary;
    this.groups = groups;
    this.onDelete = onDelete;
  }

  /** Shows `digits` (in the order kept). */
  show(/** @type {KeptDigit[]} */ digits) {
    const counts = countPerClass(digits.map((d) => d.label));
    this.root.dataset.count = String(digits.length);
    const kinds = counts.filter((n) => n > 0).length;
    setText(
      this.summary,
      digits.length
        ? `${digits.length} digit${digits.length === 1 ? '' : 's'} kept, of ${kinds} of the 10 kinds.`
        : 'No digits kept yet.',
    );
    const fragment = document.createDocumentFragment();
    for (let digit = 0; digit < CLASSES; digit += 1) {
      const mine = digits.filter((d) => d.label === digit);
      if (!mine.length) continue;
      const group = document.createElement('section');
      group.className = 'digit-group';
      group.dataset.digit = String(digit);
      group.dataset.count = String(mine.length);
      const heading = document.createElement('h3');
      heading.textContent = `${digit} (${mine.length})`;
      const list = document.createElement('ul');
      list.className = 'digit-list';
      for (const kept of mine) list.append(this.#item(kept));
      group.append(heading, list);
      fragment.append(group);
    }
    this.groups.replaceChildren(fragment);
  }

  #item(/** @type {KeptDigit} */ kept) {
    const item = document.createElement('li');
    item.className = 'kept-digit';
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `a ${kept.label}${kept.strokes ? '' : ' (imported)'}`);
    drawDigitImage(canvas, kept.image);
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'kept-digit-delete';
    remove.dataset.testid = 'digit-delete';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Delete this ${kept.label}`);
    remove.addEventListener('click', () => this.onDelete(kept.id));
    item.append(canvas, remove);
    return item;
  }
}
