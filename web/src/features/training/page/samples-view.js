// The strip of training images "as the network sees them": a dozen images of the batch being
// trained (the worker's batch-samples event, at most twice a second), distorted when the run
// augments, each with its label, and a line saying which augmentation is on. The strip belongs
// to the run shown: a new run or Reset clears it. data-count and data-seq (updates drawn) on the
// section are the tests' hooks.
import { DIGIT_PIXELS, drawDigitImage } from '../../../lib/page/digit-image.js';
import { setText } from '../../../lib/page/dom.js';
import { SAMPLE_COUNT } from '../shared/contract.js';
import { augmentationWords } from './augmentation-words.js';

export class SamplesView {
  /** @type {import('../shared/contract.js').BatchSamples | null} the images to show */
  samples = null;
  /** The run record the samples came from (control.record when they arrived). */
  #owner = /** @type {unknown} */ (null);
  /** The samples drawn last (render draws only when they change). */
  #drawn = /** @type {import('../shared/contract.js').BatchSamples | null} */ (null);
  #seq = 0;

  /**
   * @param {object} parts
   * @param {HTMLElement} parts.root  the section (data-count, data-seq)
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} parts.bridge
   * @param {import('./run-control.js').RunControl} parts.control
   * @param {import('../../../lib/page/renderer.js').Renderer} parts.renderer
   * @param {() => unknown} parts.plannedAugment  the form's augment setting, said before a run
   * @param {() => string[]} parts.classNames
   */
  constructor({ root, bridge, control, renderer, plannedAugment, classNames }) {
    this.parts = { control, plannedAugment, classNames };
    this.root = root;
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
    this.list = $('samples-list');
    this.empty = $('samples-empty');
    this.augmentName = $('samples-augment-name');
    this.augmentDetail = $('samples-augment-detail');
    /** @type {{item: HTMLLIElement, canvas: HTMLCanvasElement, label: HTMLElement}[]} */
    this.slots = [];
    for (let i = 0; i < SAMPLE_COUNT; i += 1) {
      const item = document.createElement('li');
      item.className = 'sample';
      item.hidden = true;
      const canvas = document.createElement('canvas');
      canvas.width = 28;
      canvas.height = 28;
      canvas.className = 'sample-image';
      canvas.setAttribute('role', 'img');
      const label = document.createElement('span');
      label.className = 'sample-label';
      label.setAttribute('aria-hidden', 'true'); // the image's name says it
      item.append(canvas, label);
      this.slots.push({ item, canvas, label });
    }
    this.list.replaceChildren(...this.slots.map((slot) => slot.item));
    bridge.on('batch-samples', (samples) => {
      if (!control.runActive) return; // from a run that was reset
      this.samples = samples;
      this.#owner = control.record;
      renderer.request();
    });
  }

  render() {
    const { control, plannedAugment, classNames } = this.parts;
    if (this.samples && this.#owner !== control.record) this.samples = null; // another run, or none
    const samples = this.samples;
    const augment = samples ? samples.augment : (control.record?.config.augment ?? plannedAugment());
    const words = augmentationWords(augment);
    setText(this.augmentName, words.name === 'none' ? 'No augmentation' : `Augmentation: ${words.name}`);
    setText(this.augmentDetail, words.detail);
    this.empty.hidden = samples !== null;
    if (samples === this.#drawn) return;
    this.#drawn = samples;
    const count = samples ? Math.min(samples.count, SAMPLE_COUNT) : 0;
    const names = classNames();
    this.slots.forEach(({ item, canvas, label }, i) => {
      item.hidden = i >= count;
      if (!samples || i >= count) return;
      drawDigitImage(canvas, samples.images.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS));
      const name = names[samples.labels[i]] ?? String(samples.labels[i]);
      label.textContent = name;
      canvas.setAttribute('aria-label', `A training image of ${name}, as the network saw it`);
    });
    if (samples) this.#seq += 1;
    this.root.dataset.count = String(count);
    this.root.dataset.seq = String(this.#seq);
  }
}
