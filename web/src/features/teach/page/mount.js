// The teach feature on the page: the label row under the pad, the "Your digits" panel (kept in
// IndexedDB, exported and imported as an IDX pair) and "Teach it", which fine-tunes the active
// model in the worker and shows held-out and MNIST accuracy before and after.
import { deploymentStorageName } from '../../../lib/page/deployment.js';
import { setText } from '../../../lib/page/dom.js';
import { percent } from '../../../lib/shared/format.js';
import { saveBytes } from '../../model/page/save-file.js';
import {
  countPerClass,
  describeMissing,
  EXPORT_NAMES,
  MAX_DIGITS,
  MIN_PER_CLASS,
} from '../shared/contract.js';
import { decodePair, encodeImages, encodeLabels } from '../shared/idx-pair.js';
import { DigitStore } from './digit-store.js';
import { DigitsGallery } from './digits-gallery.js';
import { readDigitFiles } from './digit-files.js';
import { LabelRow } from './label-row.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** @typedef {import('../shared/contract.js').KeptDigit} KeptDigit */

/**
 * @param {object} app
 * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} app.bridge
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 * @param {import('../../drawing/page/drawing-reader.js').DrawingReader} app.reader
 */
export function mountTeach({ bridge, session, renderer, reader }) {
  const store = new DigitStore(`${deploymentStorageName()}:your-digits`);
  /** @type {KeptDigit[]} */
  let digits = [];
  let busy = false; // a store or worker call in flight: the buttons that change things wait
  let teaching = false; // this page started the run in progress
  const message = $('teach-message');
  const result = $('teach-result');

  const gallery = new DigitsGallery(
    { root: $('your-digits'), summary: $('your-digits-summary'), groups: $('digit-groups') },
    (id) => change(() => store.delete(id), 'delete the digit'),
  );
  const labels = new LabelRow($('teach-label'), (label, reading) => {
    reader.clear();
    if (digits.length >= MAX_DIGITS) {
      setText(message, `Not kept: ${MAX_DIGITS} digits are the most kept here; delete some first.`);
      return;
    }
    change(
      () => store.add([{ label, image: reading.image, strokes: reading.strokes, keptAt: Date.now() }]),
      'keep the digit',
    );
  });
  reader.onReading((reading) => labels.setReading(reading));

  /** Runs a change to the store, then shows what is kept; a failure is said and nothing is lost. */
  async function change(/** @type {() => Promise<unknown>} */ job, /** @type {string} */ what) {
    busy = true;
    renderer.now();
    try {
      await job();
      return true;
    } catch (error) {
      setText(message, `Could not ${what}: ${error instanceof Error ? error.message : error}`);
      return false;
    } finally {
      await reload();
      busy = false;
      renderer.now();
    }
  }

  async function reload() {
    try {
      digits = await store.all();
    } catch (error) {
      setText(
        message,
        `Your digits cannot be kept in this browser: ${error instanceof Error ? error.message : error}`,
      );
    }
    gallery.show(digits);
    labels.setCounts(countPerClass(digits.map((d) => d.label)));
  }

  // Asked in the page (a modal <dialog>: focus stays in it, Esc keeps the digits), not with
  // window.confirm, which stops the page's charts and drawing while it is open.
  const deleteDialog = /** @type {HTMLDialogElement} */ ($('digits-delete-dialog'));
  $('digits-delete-all').addEventListener('click', () => {
    setText($('digits-delete-question'), `Delete all ${digits.length} of your digits from this browser?`);
    deleteDialog.returnValue = '';
    deleteDialog.showModal();
  });
  deleteDialog.addEventListener('close', () => {
    if (deleteDialog.returnValue !== 'delete') return;
    setText(message, '');
    change(() => store.clear(), 'delete your digits');
  });

  $('digits-export').addEventListener('click', () => {
    saveBytes(encodeImages(digits.map((d) => d.image)).buffer, EXPORT_NAMES.images);
    saveBytes(encodeLabels(digits.map((d) => d.label)).buffer, EXPORT_NAMES.labels);
    setText(
      message,
      `Exported ${digits.length} digits as ${EXPORT_NAMES.images} and ${EXPORT_NAMES.labels}.`,
    );
  });

  const input = /** @type {HTMLInputElement} */ ($('digits-import'));
  input.addEventListener('change', async () => {
    const files = Array.from(input.files ?? []);
    input.value = ''; // the same files can be chosen again
    if (!files.length) return;
    busy = true;
    renderer.now();
    /** @type {{images: Uint8Array[], labels: number[]} | null} */
    let decoded = null;
    try {
      const pair = await readDigitFiles(files);
      decoded = decodePair(pair.images, pair.labels);
      if (digits.length + decoded.labels.length > MAX_DIGITS) {
        throw new Error(`with the ${digits.length} kept that makes more than ${MAX_DIGITS}`);
      }
    } catch (error) {
      setText(
        message,
        `Not imported (your digits are as they were): ${error instanceof Error ? error.message : error}`,
      );
      busy = false;
      renderer.now();
      return;
    }
    const { images, labels: imported } = decoded;
    const keptAt = Date.now();
    const done = await change(
      () => store.add(imported.map((label, i) => ({ label, image: images[i], strokes: null, keptAt }))),
      'import the digits',
    );
    if (done) setText(message, `Imported ${imported.length} digits.`);
  });

  $('teach-start').addEventListener('click', async () => {
    const needed = describeMissing(countPerClass(digits.map((d) => d.label)));
    if (needed) {
      setText($('teach-needs'), `It needs at least ${MIN_PER_CLASS} of each digit: ${needed}.`);
      return;
    }
    setText($('teach-needs'), '');
    setText(message, '');
    busy = true;
    renderer.now();
    const images = encodeImages(digits.map((d) => d.image));
    const labelBytes = encodeLabels(digits.map((d) => d.label));
    try {
      const before = await bridge.call(
        'fine-tune',
        {
          images: images.buffer,
          labels: labelBytes.buffer,
          mix: Number($('teach-mix').value),
          freezeConvolutions: !$('teach-freeze-row').hidden && $('teach-freeze').checked,
          augment: $('teach-augment').checked,
        },
        { transfer: [images.buffer, labelBytes.buffer] },
      );
      teaching = true;
      showResult(before.heldOutBefore, null, before.mnistBefore, null);
      setText(
        message,
        `Teaching it on ${before.trainDigits} of your digits (${before.heldOutDigits} held out), mixed with MNIST…`,
      );
    } catch (error) {
      setText(message, `Not started: ${error instanceof Error ? error.message : error}`);
    } finally {
      busy = false;
      renderer.now();
    }
  });

  bridge.on('fine-tuned', (r) => {
    teaching = false;
    showResult(r.heldOutBefore, r.heldOutAfter, r.mnistBefore, r.mnistAfter);
    setText(
      message,
      `Done: your held-out digits ${percent(r.heldOutBefore)} → ${percent(r.heldOutAfter)}, ` +
        `MNIST test ${percent(r.mnistBefore)} → ${percent(r.mnistAfter)}.`,
    );
  });

  /** The before/after figures, as text and as data attributes (fractions; '' when not measured). */
  function showResult(
    /** @type {number} */ heldOutBefore,
    /** @type {number | null} */ heldOutAfter,
    /** @type {number} */ mnistBefore,
    /** @type {number | null} */ mnistAfter,
  ) {
    const data = (/** @type {number | null} */ v) => (v == null ? '' : String(v));
    result.dataset.heldoutBefore = data(heldOutBefore);
    result.dataset.heldoutAfter = data(heldOutAfter);
    result.dataset.mnistBefore = data(mnistBefore);
    result.dataset.mnistAfter = data(mnistAfter);
    const pair = (/** @type {number} */ a, /** @type {number | null} */ b) =>
      `${percent(a)} → ${b == null ? 'learning…' : percent(b)}`;
    setText($('teach-result-heldout'), pair(heldOutBefore, heldOutAfter));
    setText($('teach-result-mnist'), pair(mnistBefore, mnistAfter));
    result.hidden = false;
  }

  renderer.add(() => {
    const running = session.runInProgress();
    if (teaching && !running && !busy) {
      // Reset, or a divergence: no 'after' to show (the model from before is back after Reset).
      teaching = false;
      setText($('teach-result-heldout'), `${percent(Number(result.dataset.heldoutBefore))} → stopped`);
      setText($('teach-result-mnist'), `${percent(Number(result.dataset.mnistBefore))} → stopped`);
    }
    const model = session.model;
    const ready = !running && !busy && Boolean(model && model.source !== 'none');
    $('teach-start').disabled = !ready || digits.length === 0;
    $('digits-export').disabled = busy || digits.length === 0;
    $('digits-delete-all').disabled = busy || digits.length === 0;
    input.disabled = busy;
    $('teach-freeze-row').hidden = !/conv/.test(model?.description ?? '');
    const needed = describeMissing(countPerClass(digits.map((d) => d.label)));
    if (!needed) setText($('teach-needs'), '');
  });

  reload().then(() => renderer.now());
}
