// "Bring your own data": the four IDX files from the file picker (data-testid="dataset-upload")
// or dropped on the section (files or a folder), identified here (idx-files.js), read and handed
// to the worker ('load-dataset', buffers transferred). "Back to MNIST" loads the built-in digits
// again. A load can be cancelled, and one that stops sending news is given up; whatever goes
// wrong is said here, and the current data stays.
import { setText } from '../../../lib/page/dom.js';
import { integer, megabytes, sentence } from '../../../lib/shared/format.js';
import { isAbort } from '../../../lib/shared/wire.js';
import { ROLES, ROLE_NAMES } from '../shared/contract.js';
import { droppedFiles } from './dropped-files.js';
import { identifyFiles } from './idx-files.js';

/** A download of MNIST that sends no news for this long is given up (ms). */
const STALL_MS = 45000;

export class DatasetPanel {
  /** What is loading ('' when nothing): read, sent, or downloading. */
  loadingName = '';
  /** @type {AbortController | null} */
  #abort = null;
  /** @type {import('../shared/contract.js').DataInfo | null} */
  data = null;
  view = { canLoad: false, reason: '' };
  #stallTimer = 0;

  /**
   * @param {object} options
   * @param {HTMLElement} options.root   the section (also the drop target)
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} options.bridge
   * @param {(dataset: {name: string, fashion: boolean}) => void} options.onLoaded  the user's data
   *   (or MNIST) replaced the old data
   * @param {() => void} options.onBusy  a load began or ended
   */
  constructor({ root, bridge, onLoaded, onBusy }) {
    this.root = root;
    this.bridge = bridge;
    this.onLoaded = onLoaded;
    this.onBusy = onBusy;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.input = $('dataset-upload');
    this.pickLabel = $('dataset-pick');
    this.mnistButton = $('dataset-mnist');
    this.cancelButton = $('dataset-cancel');
    this.current = $('dataset-current');
    this.message = $('dataset-message');
    this.fileList = $('dataset-files');
    this.note = $('dataset-note');

    this.input.addEventListener('change', () => {
      const files = [...(this.input.files || [])];
      this.input.value = '';
      if (files.length) this.take(files, '');
    });
    this.mnistButton.addEventListener('click', () => this.backToMnist());
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.installDropTarget();
    bridge.on('data-progress', ({ loaded, total }) => {
      if (this.loadingName !== 'MNIST') return;
      this.#watchStall();
      this.say(total > 0 ? `Loading MNIST… ${megabytes(loaded)} of ${megabytes(total)}` : 'Loading MNIST…');
    });
    bridge.on('data-ready', (data) => {
      this.data = data;
      setText(
        this.current,
        `${data.name}: ${integer(data.train)} training, ${integer(data.validation)} validation and ${integer(data.test)} test images, ${data.classes} classes.`,
      );
      this.renderControls();
    });
    bridge.on('started', () => this.#finish()); // a new worker: nothing of the old one's is loading
  }

  /** A load is in progress (reading the files, or the worker parsing or downloading). */
  get loading() {
    return this.loadingName !== '';
  }

  installDropTarget() {
    let depth = 0;
    const hasFiles = (/** @type {DragEvent} */ event) =>
      [...(event.dataTransfer?.types || [])].includes('Files');
    const inside = (/** @type {Event} */ event) =>
      event.target instanceof Node && this.root.contains(event.target);
    // A file dropped beside the section would make the browser open it, leaving the page (and
    // the run): elsewhere a drop does nothing.
    document.addEventListener('dragover', (event) => {
      if (!hasFiles(event) || inside(event) || !event.dataTransfer) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    });
    document.addEventListener('drop', (event) => {
      if (hasFiles(event) && !inside(event)) event.preventDefault();
    });
    this.root.addEventListener('dragenter', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      this.root.classList.add('is-dragging');
    });
    this.root.addEventListener('dragover', (event) => {
      if (!hasFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = this.view.canLoad ? 'copy' : 'none';
    });
    this.root.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.root.classList.remove('is-dragging');
    });
    this.root.addEventListener('drop', async (event) => {
      if (!hasFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      this.root.classList.remove('is-dragging');
      const { files, folder } = await droppedFiles(event.dataTransfer);
      if (files.length) this.take(files, folder);
    });
  }

  /** Identifies the files, reads them and sends them to the worker. */
  async take(/** @type {File[]} */ files, /** @type {string} */ folder) {
    if (!this.view.canLoad || this.loading) {
      this.say(
        this.loading ? 'Still loading the last files: wait a moment.' : sentence(this.view.reason),
        true,
      );
      return;
    }
    const abort = this.#begin('your files');
    this.fileList.replaceChildren();
    this.say(`Checking ${files.length} file${files.length === 1 ? '' : 's'}…`);
    const { roles, problems, name, fashion } = await identifyFiles(files, folder);
    if (abort.signal.aborted) return;
    if (problems.length) {
      const more =
        problems.length > 1
          ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
          : '';
      this.#finish();
      this.say(`${sentence(problems[0])}${more} The current data is kept.`, true);
      this.showProblems(problems);
      return;
    }
    this.showRoles(/** @type {Record<import('../shared/contract.js').Role, File>} */ (roles));
    this.say(`Reading ${name}…`);
    /** @type {Partial<import('../shared/contract.js').IdxFiles>} */
    const buffers = {};
    try {
      for (const role of ROLES) buffers[role] = await /** @type {File} */ (roles[role]).arrayBuffer();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#finish();
      this.say(`The files could not be read: ${/** @type {Error} */ (error).message}`, true);
      return;
    }
    if (abort.signal.aborted) return;
    this.loadingName = name;
    this.say(`Unpacking and checking ${name}…`);
    const files4 = /** @type {import('../shared/contract.js').IdxFiles} */ (buffers);
    await this.#load({ name, files: files4 }, abort, {
      transfer: ROLES.map((role) => files4[role]),
      name,
      fashion,
    });
  }

  backToMnist() {
    if (!this.view.canLoad || this.loading) return;
    const abort = this.#begin('MNIST');
    this.fileList.replaceChildren();
    this.say('Loading MNIST…');
    this.#watchStall();
    this.#load({ builtin: 'mnist' }, abort, { transfer: [], name: 'MNIST', fashion: false });
  }

  /** Cancel: the load in progress is given up; the current data stays. */
  cancel() {
    this.#abort?.abort();
  }

  /**
   * @param {{builtin: 'mnist'} | {name: string, files: import('../shared/contract.js').IdxFiles}} request
   * @param {AbortController} abort
   * @param {{transfer: Transferable[], name: string, fashion: boolean}} what
   */
  async #load(request, abort, { transfer, name, fashion }) {
    try {
      await this.bridge.call('load-dataset', request, { signal: abort.signal, transfer });
      if (abort !== this.#abort) return;
      this.#finish();
      this.say(name === 'MNIST' ? 'Back to MNIST.' : `Loaded ${name}: press Start to train on it.`);
      this.onLoaded({ name, fashion });
    } catch (error) {
      if (abort !== this.#abort) return;
      this.#finish();
      const why = /** @type {Error} */ (error).message;
      if (isAbort(error))
        this.say(
          `${why === 'stalled' ? `Loading ${name} stalled: nothing arrived for ${STALL_MS / 1000} seconds, so it was` : `Loading ${name} was`} cancelled. The current data is kept.`,
          true,
        );
      else this.say(`${sentence(why)} The current data is kept.`, true);
    }
  }

  /** @param {string} name */
  #begin(name) {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.loadingName = name;
    this.onBusy();
    return abort;
  }

  #finish() {
    clearTimeout(this.#stallTimer);
    this.#abort = null;
    this.loadingName = '';
    this.onBusy();
  }

  /** Gives the download up when no news has come for STALL_MS. */
  #watchStall() {
    clearTimeout(this.#stallTimer);
    const abort = this.#abort;
    this.#stallTimer = window.setTimeout(() => {
      if (abort === this.#abort) abort?.abort(new DOMException('stalled', 'AbortError'));
    }, STALL_MS);
  }

  /** @param {{canLoad: boolean, reason: string}} view */
  render(view) {
    this.view = view;
    this.renderControls();
  }

  renderControls() {
    const enabled = this.view.canLoad && !this.loading;
    this.input.disabled = !enabled;
    this.pickLabel.classList.toggle('is-disabled', !enabled);
    this.mnistButton.hidden = !this.data || this.data.name === 'MNIST' || this.loading;
    this.mnistButton.disabled = !enabled;
    this.cancelButton.hidden = !this.loading;
    this.root.classList.toggle('is-loading', this.loading);
    setText(this.note, this.view.canLoad || this.loading ? '' : this.view.reason);
  }

  /** @param {Record<import('../shared/contract.js').Role, File>} roles */
  showRoles(roles) {
    this.fileList.replaceChildren(
      ...ROLES.map((role) => {
        const item = document.createElement('li');
        const what = document.createElement('span');
        what.className = 'dataset-role';
        what.textContent = ROLE_NAMES[role];
        const file = document.createElement('span');
        file.className = 'dataset-file';
        file.textContent = `${roles[role].name} (${fileSize(roles[role].size)})`;
        item.append(what, file);
        return item;
      }),
    );
  }

  showProblems(/** @type {string[]} */ problems) {
    if (problems.length < 2) return;
    this.fileList.replaceChildren(
      ...problems.map((problem) => {
        const item = document.createElement('li');
        item.className = 'is-problem';
        item.textContent = sentence(problem);
        return item;
      }),
    );
  }

  say(/** @type {string} */ text, isError = false) {
    setText(this.message, text);
    this.message.classList.toggle('is-error', isError);
  }
}

/** 26.4 MB, 29 KB. */
function fileSize(/** @type {number} */ bytes) {
  return bytes >= 1e6 ? megabytes(bytes) : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}
