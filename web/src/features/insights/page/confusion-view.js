// The confusion matrix of the test set as a table: a row per true label, a column per predicted
// one, each count in its cell (data-count) shaded by its size, and each row's total. The counts
// add up to the test set's size. Correct cells (the diagonal) and mistakes use two colours.
import { integer, percent } from '../../../lib/shared/format.js';

/** Shades past this are drawn strong (at least STRONG_MIN_SHADE); the rest at most PLAIN_MAX_SHADE.
 *  The two limits keep the text at 4.5:1 or better on every cell (see --cm-* in base.css). */
const STRONG_FROM = 0.55;
const STRONG_MIN_SHADE = 0.8;
const PLAIN_MAX_SHADE = 0.6;

export class ConfusionView {
  /** @param {{table: HTMLTableElement, summary: HTMLElement}} elements */
  constructor({ table, summary }) {
    this.table = table;
    this.summary = summary;
    /** @type {{classes: number, confusion: Int32Array} | null} */
    this.evaluation = null;
    /** @type {string[]} */
    this.names = [];
  }

  /**
   * @param {{classes: number, confusion: Int32Array}|null} evaluation  (protocol Evaluation)
   * @param {string[]} names  the class names
   */
  render(evaluation, names) {
    this.evaluation = evaluation;
    this.names = names;
    if (!evaluation || !evaluation.confusion || !(evaluation.classes > 0)) {
      this.table.replaceChildren();
      this.table.hidden = true;
      return;
    }
    this.table.hidden = false;
    const n = evaluation.classes;
    const counts = evaluation.confusion;
    const label = (/** @type {number} */ i) => names[i] ?? String(i);
    const rowTotals = [];
    let total = 0;
    let correct = 0;
    let maxDiagonal = 1;
    let maxMistake = 1;
    for (let t = 0; t < n; t += 1) {
      let sum = 0;
      for (let p = 0; p < n; p += 1) {
        const c = counts[t * n + p];
        sum += c;
        if (t === p) maxDiagonal = Math.max(maxDiagonal, c);
        else maxMistake = Math.max(maxMistake, c);
      }
      rowTotals.push(sum);
      total += sum;
      correct += counts[t * n + t];
    }
    const longNames = names.slice(0, n).some((name) => name.length > 2);
    this.table.classList.toggle('has-long-names', longNames);

    const caption = document.createElement('caption');
    caption.className = 'visually-hidden';
    caption.textContent = `Confusion matrix of the ${integer(total)} test images: rows are the true class, columns what the network read.`;

    const head = document.createElement('thead');
    const groupRow = document.createElement('tr');
    const corner = document.createElement('td');
    corner.className = 'cm-corner';
    const predictedHead = document.createElement('th');
    predictedHead.scope = 'colgroup';
    predictedHead.colSpan = n;
    predictedHead.className = 'cm-axis';
    predictedHead.textContent = 'read as →';
    const spacer = document.createElement('td');
    groupRow.append(corner, predictedHead, spacer);
    const columnRow = document.createElement('tr');
    const trueHead = document.createElement('td'); // the row headers are the true classes
    trueHead.setAttribute('aria-hidden', 'true');
    trueHead.className = 'cm-axis cm-true-axis';
    trueHead.textContent = 'true ↓';
    columnRow.append(trueHead);
    for (let p = 0; p < n; p += 1) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.className = 'cm-col';
      th.title = `read as ${label(p)}`;
      const text = document.createElement('span');
      text.textContent = label(p);
      th.append(text);
      columnRow.append(th);
    }
    const totalHead = document.createElement('th');
    totalHead.scope = 'col';
    totalHead.className = 'cm-total';
    totalHead.textContent = 'total';
    columnRow.append(totalHead);
    head.append(groupRow, columnRow);

    const body = document.createElement('tbody');
    for (let t = 0; t < n; t += 1) {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.className = 'cm-row';
      th.textContent = label(t);
      row.append(th);
      for (let p = 0; p < n; p += 1) {
        const c = counts[t * n + p];
        const td = document.createElement('td');
        td.dataset.count = String(c);
        td.textContent = String(c);
        const diagonal = t === p;
        const shade =
          c === 0 ? 0 : diagonal ? 0.15 + 0.85 * (c / maxDiagonal) : 0.12 + 0.88 * Math.sqrt(c / maxMistake);
        // Text must stay readable on the shade (WCAG AA, in both palettes): light shades keep the
        // page's text colour, strong ones take --cm-strong-text, and no shade sits in between.
        const strong = shade > STRONG_FROM;
        const strength = strong ? Math.max(shade, STRONG_MIN_SHADE) : Math.min(shade, PLAIN_MAX_SHADE);
        td.className = `cm-cell ${diagonal ? 'is-correct' : 'is-mistake'}${c === 0 ? ' is-zero' : ''}${strong ? ' is-strong' : ''}`;
        // The shade is the count's: set through the CSSOM (allowed by the page's CSP).
        td.style.setProperty('--shade', strength.toFixed(3));
        td.title = `${integer(c)} test images of ${label(t)} read as ${label(p)}`;
        row.append(td);
      }
      const totalCell = document.createElement('td');
      totalCell.className = 'cm-total';
      totalCell.textContent = integer(rowTotals[t]);
      totalCell.title = `${integer(rowTotals[t])} test images of ${label(t)}: ${percent(rowTotals[t] ? counts[t * n + t] / rowTotals[t] : NaN, 1)} read correctly`;
      row.append(totalCell);
      body.append(row);
    }
    this.table.replaceChildren(caption, head, body);
    this.summary.textContent = `${integer(correct)} of ${integer(total)} test images on the diagonal (${percent(total ? correct / total : NaN)}). Rows are the true class; the shaded cells off the diagonal are its confusions.`;
  }
}
