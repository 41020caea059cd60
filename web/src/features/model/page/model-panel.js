// The model panel: which model the pad uses (data-source: pretrained, trained or uploaded; a badge
// when it was kept from an earlier visit; its kind and how well it reads), Download ('save-model' ->
// a file, ours or ONNX), Upload (a model
// file, refused here when too large, then by the core when malformed: the current model stays)
// and "Use pretrained" (offered only when the site's pretrained model could be loaded; else the
// panel says why).
import { setListText, setText } from '../../../lib/page/dom.js';
import { capitalise, megabytes, sentence } from '../../../lib/shared/format.js';
import { MAX_MODEL_BYTES } from '../shared/contract.js';
import { modelFigures } from '../shared/model-figures.js';
import { saveBytes } from './save-file.js';

export class ModelPanel {
  /** @type {import('../shared/contract.js').ModelInfo | null} */
  model = null;
  pretrained = { available: false, problem: '' };
  /** The download being prepared ('nnmf' or 'onnx'), or null; and an upload being read. */
  busy = { save: /** @type {import('../shared/contract.js').ModelFormat | null} */ (null), upload: false };
  view = { canChange: false, reason: '' };
  /** Raised per file picked, so a slow read of an older pick is dropped. */
  #reading = 0;

  /**
   * @param {object} options
   * @param {HTMLElement} options.root
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} options.bridge
   * @param {() => string[]} options.classNames  stored in downloaded files
   */
  constructor({ root, bridge, classNames }) {
    this.bridge = bridge;
    this.classNames = classNames;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.name = $('model-name');
    this.description = $('model-description');
    this.figures = $('model-figures');
    this.kept = $('model-kept');
    this.download = $('model-download');
    this.downloadOnnx = $('model-download-onnx');
    this.upload = $('model-upload');
    this.uploadLabel = $('model-upload-label');
    this.pretrainedButton = $('model-pretrained');
    this.problem = $('model-problem');
    this.note = $('model-note');
    this.message = $('model-message');

    this.download.addEventListener('click', () => this.requestDownload('nnmf'));
    this.downloadOnnx.addEventListener('click', () => this.requestDownload('onnx'));
    this.upload.addEventListener('change', () => this.readUpload());
    this.pretrainedButton.addEventListener('click', () => this.usePretrained());
    bridge.on('model', ({ model, pretrained }) => {
      this.model = model;
      this.pretrained = pretrained;
      this.renderModel();
    });
    bridge.on('started', () => {
      this.busy = { save: null, upload: false };
      this.#reading += 1;
      this.renderButtons();
    });
  }

  get hasModel() {
    return Boolean(this.model && this.model.source !== 'none');
  }

  async requestDownload(/** @type {import('../shared/contract.js').ModelFormat} */ format) {
    if (!this.hasModel || this.busy.save) return;
    this.busy.save = format;
    this.say('');
    this.renderButtons();
    try {
      const { bytes, fileName } = await this.bridge.call('save-model', {
        classNames: this.classNames(),
        format,
      });
      saveBytes(bytes, fileName);
      const use =
        format === 'onnx'
          ? 'run it with ONNX Runtime, in Python or anywhere (pixels / 255 in, as the README shows).'
          : 'upload it here later to use it again.';
      this.say(`Saved ${fileName} (${megabytes(bytes.byteLength)}): ${use}`);
    } catch (error) {
      this.say(`Could not download the model: ${sentence(/** @type {Error} */ (error).message)}`, true);
    } finally {
      this.busy.save = null;
      this.renderButtons();
    }
  }

  async readUpload() {
    const file = this.upload.files && this.upload.files[0];
    this.upload.value = ''; // picking the same file again is a new change
    if (!file || !this.view.canChange) return;
    const token = ++this.#reading;
    if (file.size > MAX_MODEL_BYTES) {
      this.say(
        `${file.name} is ${megabytes(file.size)}: model files are at most ${MAX_MODEL_BYTES / 2 ** 20} MB. The current model is kept.`,
        true,
      );
      return;
    }
    this.busy.upload = true;
    this.say(`Reading ${file.name}…`);
    this.renderButtons();
    try {
      const bytes = await file.arrayBuffer();
      if (token !== this.#reading) return;
      await this.bridge.call('load-model', { bytes, name: file.name }, { transfer: [bytes] });
      if (token === this.#reading) this.say(`Loaded ${file.name}.`);
    } catch (error) {
      if (token === this.#reading)
        this.say(`${sentence(/** @type {Error} */ (error).message)} The current model is kept.`, true);
    } finally {
      if (token === this.#reading) this.busy.upload = false;
      this.renderButtons();
    }
  }

  async usePretrained() {
    if (!this.view.canChange || !this.pretrained.available || this.model?.source === 'pretrained') return;
    this.say('');
    try {
      await this.bridge.call('use-pretrained', {});
    } catch (error) {
      this.say(sentence(/** @type {Error} */ (error).message), true);
    }
  }

  renderModel() {
    const model = this.model;
    const source = model ? model.source : 'none';
    if (this.name.dataset.source !== source) this.name.dataset.source = source;
    setText(this.name, model && source !== 'none' ? capitalise(model.name || source) : 'No model yet');
    setListText(this.description, model ? model.description : '');
    setText(this.figures, model ? modelFigures(model) : '');
    this.kept.hidden = !model?.kept;
    const problem = this.pretrained.problem;
    this.problem.hidden = !problem;
    setText(this.problem, problem ? `${problem} Train one with Start, or upload a model file.` : '');
    this.renderButtons();
  }

  /**
   * @param {{canChange: boolean, reason: string}} view  whether the model may be replaced now, and
   *   why not (a run owns the network; the worker stopped)
   */
  render(view) {
    this.view = view;
    this.renderButtons();
  }

  renderButtons() {
    const alive = this.bridge.alive;
    const canSave = alive && this.hasModel && !this.busy.save;
    this.download.disabled = !canSave;
    this.downloadOnnx.disabled = !canSave;
    setText(this.download, this.busy.save === 'nnmf' ? 'Preparing…' : 'Download');
    setText(this.downloadOnnx, this.busy.save === 'onnx' ? 'Preparing…' : 'ONNX');
    const canUpload = alive && this.view.canChange && !this.busy.upload;
    this.upload.disabled = !canUpload;
    this.uploadLabel.classList.toggle('is-disabled', !canUpload);
    this.pretrainedButton.disabled =
      !alive || !this.view.canChange || !this.pretrained.available || this.model?.source === 'pretrained';
    setText(this.note, this.view.canChange ? '' : this.view.reason);
  }

  say(/** @type {string} */ text, isError = false) {
    setText(this.message, text);
    this.message.classList.toggle('is-error', isError);
  }
}
