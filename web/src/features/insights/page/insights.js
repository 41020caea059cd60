// "Look inside": the test-set evaluation of the model (the worker's 'evaluation') shown as the
// confusion matrix and the gallery of misread images, each saying which model it describes, and
// dimmed while a run trains (they are redrawn when it finishes).
import { ConfusionView } from './confusion-view.js';
import { MistakesView } from './mistakes-view.js';
import { setText } from '../../../lib/page/dom.js';

export class Insights {
  /** @param {HTMLElement} root  the element holding the panels */
  constructor(root) {
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.root = root;
    this.confusion = new ConfusionView({ table: $('confusion-matrix'), summary: $('confusion-summary') });
    this.mistakes = new MistakesView({
      list: $('misclassified'),
      summary: $('mistakes-summary'),
      more: $('mistakes-more'),
    });
    this.sources = [$('evaluation-source'), $('mistakes-source')];
    /** @type {import('../shared/contract.js').Evaluation | null} */
    this.evaluation = null;
    this.source = '';
    /** @type {string[]} */
    this.names = [];
    this.stale = false;
  }

  /**
   * @param {import('../shared/contract.js').Evaluation | null} evaluation
   * @param {string} source  which model it describes, on which test set
   */
  show(evaluation, source) {
    this.evaluation = evaluation;
    this.source = source;
    this.render();
  }

  setNames(/** @type {string[]} */ names) {
    this.names = names;
    this.render();
  }

  /** A run is training: what is shown describes an older model. */
  setStale(/** @type {boolean} */ stale) {
    if (stale === this.stale) return;
    this.stale = stale;
    this.root.classList.toggle('is-stale', stale);
    this.renderSource();
  }

  render() {
    this.confusion.render(this.evaluation, this.names);
    this.mistakes.render(this.evaluation, this.names);
    if (!this.evaluation) {
      this.confusion.summary.textContent =
        "The test set's confusion matrix appears once the data is loaded and there is a model.";
      this.mistakes.summary.textContent =
        'The test images the model gets wrong appear here, the most confident mistakes first.';
    }
    this.renderSource();
  }

  renderSource() {
    const text = !this.evaluation
      ? ''
      : this.stale
        ? `${this.source} · updated when the run ends`
        : this.source;
    for (const element of this.sources) setText(element, text);
  }
}
