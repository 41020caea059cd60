// What the page and the worker say about teaching the network your handwriting. Call (answered by
// features/teach/worker):
//   fine-tune {images, labels, mix, freezeConvolutions?, augment?} -> FineTuneStart
//     fine-tunes the active model on your digits (an IDX pair, as exported) mixed with MNIST
//     training digits, as a run like any other (progress, epoch, done; Pause and Reset work);
//     refused with the core's message (how many more digits it needs, a bad mix by `setting`).
// Event: fine-tuned {heldOutBefore, heldOutAfter, mnistBefore, mnistAfter, ...} when it finishes.
// The rules both sides use (the core has the same: cpp/train/fine_tune.h) are below.

/** Fewest digits of each class before fine-tuning (train::kMinDigitsPerClass). */
export const MIN_PER_CLASS = 5;
/** Each class's 5th, 10th, ... digit is held out (train::kHeldOutEvery). */
export const HELD_OUT_EVERY = 5;
/** MNIST digits mixed in per digit of yours (train::kDefaultMix). */
export const DEFAULT_MIX = 1;
/** The most digits kept or imported: far more than anyone draws, small in IndexedDB (8 MB). */
export const MAX_DIGITS = 10000;
/** The exported pair; mnist-train --fine-tune DIR reads these names. */
export const EXPORT_NAMES = {
  images: 'your-digits-images-idx3-ubyte',
  labels: 'your-digits-labels-idx1-ubyte',
};
export const SIDE = 28;
export const CLASSES = 10;

/**
 * One of your digits, as kept in IndexedDB.
 * @typedef {object} KeptDigit
 * @property {number} id       unique, increasing: the order they were kept (the held-out split
 *                             follows it)
 * @property {number} label    0..9
 * @property {Uint8Array} image  28 x 28, the image the network saw (0 paper .. 255 ink)
 * @property {{x: number, y: number}[][] | null} strokes  the raw strokes in pad units (0..1),
 *                             null for an imported digit
 * @property {number} keptAt   Date.now() when kept
 */

/**
 * @typedef {object} FineTuneStart
 * @property {number} heldOutBefore  0..1, the active model on your held-out digits
 * @property {number} mnistBefore    0..1, on the MNIST test set
 * @property {number} trainDigits    of yours it trains on
 * @property {number} heldOutDigits  of yours it never trains on
 */

/**
 * @typedef {object} FineTuned  the fine-tuning finished
 * @property {number} heldOutBefore
 * @property {number} heldOutAfter
 * @property {number} mnistBefore
 * @property {number} mnistAfter
 * @property {number} trainDigits
 * @property {number} heldOutDigits
 */

/** @typedef {{'fine-tuned': FineTuned}} TeachEvents */

/** How many digits of each class there are. @param {ArrayLike<number>} labels */
export function countPerClass(labels) {
  const counts = new Array(CLASSES).fill(0);
  for (let i = 0; i < labels.length; i += 1) if (labels[i] < CLASSES) counts[labels[i]] += 1;
  return counts;
}

/** "draw 3 more 4s and 1 more 7", or '' when every class has MIN_PER_CLASS. */
export function describeMissing(/** @type {number[]} */ counts) {
  const parts = [];
  for (let digit = 0; digit < CLASSES; digit += 1) {
    const missing = MIN_PER_CLASS - (counts[digit] ?? 0);
    if (missing > 0) parts.push(`${missing} more ${digit}${missing === 1 ? '' : 's'}`);
  }
  if (!parts.length) return '';
  const last = parts.pop();
  return `draw ${parts.length ? `${parts.join(', ')} and ${last}` : last}`;
}

/** The digit collect mode asks for next: the one with fewest kept (the lowest on a tie). */
export function nextToCollect(/** @type {number[]} */ counts) {
  let best = 0;
  for (let digit = 1; digit < CLASSES; digit += 1) if (counts[digit] < counts[best]) best = digit;
  return best;
}
