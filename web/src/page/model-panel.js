// The model panel: which model the pad uses (data-source: pretrained, trained or uploaded; a badge
// when it was kept from an earlier visit), Download (SAVE_MODEL -> MODEL_FILE -> a file), Upload
// (a model file, refused here when too large, then by the core when malformed: the current model
// stays) and "Use pretrained". The worker's answers are matched by request id.
import { ToWorker } from '../shared/protocol.js';
import { setText } from './dom.js';
import { capitalise, megabytes, sentence } from './format.js';

/** The worker refuses larger files too; the page says so before reading one. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;
/** How long a downloaded file's Blob URL lives (the browser has started the download by then). */
const REVOKE_AFTER_MS = 10000;

/** Saves bytes as a file through a temporary Blob URL and an <a download>. */
export function saveBytes(bytes, fileName) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

export class ModelPanel {
  /**
   * @param {object} options
   * @param {HTMLElement} options.root
   * @param {import('./worker-client.js').WorkerClient} options.client
   * @param {() => string[]} options.getClassNames  stored in downloaded files
   * @param {() => void} options.onUsePretrained    "Use pretrained" was pressed and sent
   */
  constructor({ root, client, getClassNames, onUsePretrained }) {
    this.client = client;
    this.getClassNames = getClassNames;
    this.onUsePretrained = onUsePretrained;
    const $ = (id) => root.querySelector(`#${id}`);
    this.name = $('model-name');
    this.description = $('model-description');
    this.kept = $('model-kept');
    this.download = $('model-download');
    this.upload = $('model-upload');
    this.uploadLabel = $('model-upload-label');
    this.pretrained = $('model-pretrained');
    this.note = $('model-note');
    this.message = $('model-message');
    this.model = null;
    this.pending = { save: 0, upload: 0, uploadName: '' };
    this.reading = 0; // raised per file picked, so a slow read of an older pick is dropped
    this.view = { canChange: false, reason: '' };

    this.download.addEventListener('click', () => this.requestDownload());
    this.upload.addEventListener('change', () => this.readUpload());
    this.pretrained.addEventListener('click', () => this.usePretrained());
  }

  /** Whether an answer or an error with this request id is the panel's. */
  owns(requestId) {
    return requestId != null && (requestId === this.pending.save || requestId === this.pending.upload);
  }

  /** A new worker: the old one's answers will never come. */
  forgetRequests() {
    this.pending = { save: 0, upload: 0, uploadName: '' };
    this.reading += 1;
    this.renderButtons();
  }

  requestDownload() {
    if (!this.hasModel || this.pending.save) return;
    const requestId = this.client.request({ type: ToWorker.SAVE_MODEL, classNames: this.getClassNames() });
    if (!requestId) {
      this.say('The network is not running: press Retry first.', true);
      return;
    }
    this.pending.save = requestId;
    this.say('');
    this.renderButtons();
  }

  /** MODEL_FILE: the answer to Download. */
  receiveFile({ requestId, bytes, fileName }) {
    if (requestId !== this.pending.save) return;
    this.pending.save = 0;
    try {
      saveBytes(bytes, fileName || 'model.nnmf');
      this.say(`Saved ${fileName} (${megabytes(bytes.byteLength)}): upload it here later to use it again.`);
    } catch (error) {
      this.say(`The file could not be saved: ${error.message}`, true);
    }
    this.renderButtons();
  }

  async readUpload() {
    const file = this.upload.files && this.upload.files[0];
    this.upload.value = ''; // picking the same file again is a new change
    if (!file || !this.view.canChange) return;
    const token = ++this.reading;
    if (file.size > MAX_MODEL_BYTES) {
      this.say(
        `${file.name} is ${megabytes(file.size)}: model files are at most 64 MB. The current model is kept.`,
        true,
      );
      return;
    }
    this.say(`Reading ${file.name}…`);
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch (error) {
      if (token === this.reading) this.say(`${file.name} could not be read: ${error.message}`, true);
      return;
    }
    if (token !== this.reading) return;
    const requestId = this.client.request({ type: ToWorker.LOAD_MODEL, bytes, name: file.name }, [bytes]);
    if (!requestId) {
      this.say('The network is not running: press Retry first.', true);
      return;
    }
    this.pending.upload = requestId;
    this.pending.uploadName = file.name;
    this.renderButtons();
  }

  usePretrained() {
    if (!this.view.canChange || this.model?.source === 'pretrained') return;
    if (!this.client.post({ type: ToWorker.USE_PRETRAINED })) return;
    this.say('');
    this.onUsePretrained();
  }

  /** An ERROR with one of the panel's request ids: the current model stays. */
  receiveError({ requestId, message }) {
    if (requestId === this.pending.upload) {
      this.pending.upload = 0;
      this.say(`${sentence(message)} The current model is kept.`, true);
    } else if (requestId === this.pending.save) {
      this.pending.save = 0;
      this.say(`Could not download the model: ${sentence(message)}`, true);
    }
    this.renderButtons();
  }

  /** A MODEL message. An uploaded model answers the pending upload. */
  setModel(model) {
    this.model = model;
    if (this.pending.upload && model && model.source === 'uploaded') {
      this.say(`Loaded ${this.pending.uploadName}.`);
      this.pending.upload = 0;
    }
    const source = model && model.source ? model.source : 'none';
    if (this.name.dataset.source !== source) this.name.dataset.source = source;
    setText(this.name, model && source !== 'none' ? capitalise(model.name || source) : 'No model yet');
    setText(this.description, model && model.description ? model.description : '');
    this.kept.hidden = !(model && model.kept);
    this.renderButtons();
  }

  get hasModel() {
    return Boolean(this.model && this.model.source && this.model.source !== 'none');
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
    const alive = this.client.running;
    this.download.disabled = !alive || !this.hasModel || Boolean(this.pending.save);
    this.download.textContent = this.pending.save ? 'Preparing…' : 'Download';
    const canUpload = alive && this.view.canChange && !this.pending.upload;
    this.upload.disabled = !canUpload;
    this.uploadLabel.classList.toggle('is-disabled', !canUpload);
    this.pretrained.disabled = !alive || !this.view.canChange || this.model?.source === 'pretrained';
    setText(this.note, this.view.canChange ? '' : this.view.reason);
  }

  say(text, isError = false) {
    setText(this.message, text);
    this.message.classList.toggle('is-error', isError);
  }
}
