// "Bring your own data": the four IDX files from the file picker (data-testid="dataset-upload")
// or dropped on the section (files or a folder), identified here (idx-files.js), read and handed
// to the worker (LOAD_DATASET, buffers transferred). The worker's errors are matched by request
// id and shown here; the current data stays. "Back to MNIST" loads the built-in digits again.
import { ToWorker } from '../shared/protocol.js';
import { setText } from './dom.js';
import { integer, megabytes, sentence } from './format.js';
import { identifyFiles, ROLES, ROLE_NAMES } from './idx-files.js';

export class DatasetPanel {
  /**
   * @param {object} options
   * @param {HTMLElement} options.root   the section (also the drop target)
   * @param {import('./worker-client.js').WorkerClient} options.client
   * @param {(dataset: {name: string, fashion: boolean}) => void} options.onLoaded  the user's data
   *   (or MNIST) replaced the old data
   */
  constructor({ root, client, onLoaded }) {
    this.root = root;
    this.client = client;
    this.onLoaded = onLoaded;
    const $ = (id) => root.querySelector(`#${id}`);
    this.input = $('dataset-upload');
    this.pickLabel = $('dataset-pick');
    this.mnistButton = $('dataset-mnist');
    this.current = $('dataset-current');
    this.message = $('dataset-message');
    this.fileList = $('dataset-files');
    this.note = $('dataset-note');
    this.pending = null; // {requestId, name, fashion} or {requestId, builtin: true}
    this.busy = false; // reading the files, before the request is sent
    this.token = 0;
    this.view = { canLoad: false, reason: '' };
    this.data = null;
    this.download = null;

    this.input.addEventListener('change', () => {
      const files = [...(this.input.files || [])];
      this.input.value = '';
      if (files.length) this.take(files, '');
    });
    this.mnistButton.addEventListener('click', () => this.backToMnist());
    this.installDropTarget();
  }

  installDropTarget() {
    let depth = 0;
    const hasFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');
    // A file dropped beside the section would make the browser open it, leaving the page (and
    // the run): elsewhere a drop does nothing.
    document.addEventListener('dragover', (event) => {
      if (!hasFiles(event) || this.root.contains(event.target)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'none';
    });
    document.addEventListener('drop', (event) => {
      if (hasFiles(event) && !this.root.contains(event.target)) event.preventDefault();
    });
    this.root.addEventListener('dragenter', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      this.root.classList.add('is-dragging');
    });
    this.root.addEventListener('dragover', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = this.view.canLoad ? 'copy' : 'none';
    });
    this.root.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) this.root.classList.remove('is-dragging');
    });
    this.root.addEventListener('drop', async (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      this.root.classList.remove('is-dragging');
      const { files, folder } = await droppedFiles(event.dataTransfer);
      if (files.length) this.take(files, folder);
    });
  }

  /** Whether an error with this request id is the panel's. */
  owns(requestId) {
    return requestId != null && this.pending !== null && requestId === this.pending.requestId;
  }

  /** A new worker: the old one's answers will never come. */
  forgetRequests() {
    this.pending = null;
    this.busy = false;
    this.token += 1;
    this.download = null;
    this.renderControls();
  }

  get loading() {
    return this.busy || this.pending !== null;
  }

  /** Identifies the files, reads them and sends them to the worker. */
  async take(files, folder) {
    if (!this.view.canLoad || this.loading) {
      this.say(
        this.loading ? 'Still loading the last files: wait a moment.' : sentence(this.view.reason),
        true,
      );
      return;
    }
    const token = ++this.token;
    this.busy = true;
    this.fileList.replaceChildren();
    this.say(`Checking ${files.length} file${files.length === 1 ? '' : 's'}…`);
    this.renderControls();
    const { roles, problems, name, fashion } = await identifyFiles(files, folder);
    if (token !== this.token) return;
    if (problems.length) {
      this.busy = false;
      this.say(
        `${sentence(problems[0])}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''} The current data is kept.`,
        true,
      );
      this.showProblems(problems);
      this.renderControls();
      return;
    }
    this.showRoles(roles);
    this.say(`Reading ${name}…`);
    const buffers = {};
    try {
      for (const role of ROLES) buffers[role] = await roles[role].arrayBuffer();
    } catch (error) {
      if (token !== this.token) return;
      this.busy = false;
      this.say(`The files could not be read: ${error.message}`, true);
      this.renderControls();
      return;
    }
    if (token !== this.token) return;
    this.busy = false;
    const requestId = this.client.request(
      { type: ToWorker.LOAD_DATASET, name, files: buffers },
      ROLES.map((role) => buffers[role]),
    );
    if (!requestId) {
      this.say('The network is not running: press Retry first.', true);
      this.renderControls();
      return;
    }
    this.pending = { requestId, name, fashion };
    this.say(`Unpacking and checking ${name}…`);
    this.renderControls();
  }

  backToMnist() {
    if (!this.view.canLoad || this.loading) return;
    const requestId = this.client.request({ type: ToWorker.LOAD_DATASET, builtin: 'mnist' });
    if (!requestId) return;
    this.pending = { requestId, name: 'MNIST', builtin: true };
    this.download = null;
    this.fileList.replaceChildren();
    this.say('Loading MNIST…');
    this.renderControls();
  }

  /** DATA_PROGRESS while MNIST downloads again. */
  progress({ loaded, total }) {
    if (!this.pending || !this.pending.builtin) return;
    this.download = { loaded, total };
    this.say(total > 0 ? `Loading MNIST… ${megabytes(loaded)} of ${megabytes(total)}` : 'Loading MNIST…');
  }

  /** DATA_READY: the data in use (the answer to a pending load, or the first MNIST). */
  dataReady(data) {
    this.data = data;
    const pending = this.pending;
    this.pending = null;
    this.download = null;
    if (pending) {
      this.say(pending.builtin ? 'Back to MNIST.' : `Loaded ${data.name}: press Start to train on it.`);
      this.onLoaded({ name: data.name, fashion: Boolean(pending.fashion) });
    }
    setText(
      this.current,
      `${data.name}: ${integer(data.train)} training, ${integer(data.validation)} validation and ${integer(data.test)} test images, ${data.classes ?? 10} classes.`,
    );
    this.renderControls();
  }

  /** An ERROR with the panel's request id: the current data stays. */
  receiveError({ message }) {
    this.pending = null;
    this.download = null;
    this.say(`${sentence(message)} The current data is kept.`, true);
    this.renderControls();
  }

  /** A loading failure the worker reported without a request id (MNIST's download). */
  failPending(message) {
    if (!this.pending || !this.pending.builtin) return;
    this.receiveError({ message });
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
    this.mnistButton.hidden = !this.data || this.data.name === 'MNIST';
    this.mnistButton.disabled = !enabled;
    this.root.classList.toggle('is-loading', this.loading);
    setText(this.note, this.view.canLoad ? '' : this.view.reason);
  }

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

  showProblems(problems) {
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

  say(text, isError = false) {
    setText(this.message, text);
    this.message.classList.toggle('is-error', isError);
  }
}

/** The files of a drop: files, or the files directly inside one dropped folder. */
async function droppedFiles(dataTransfer) {
  // The drop's data is readable only during the event: take everything before the first await.
  const dropped = [...(dataTransfer.files || [])];
  const items = [...(dataTransfer.items || [])];
  const entries = items.map((item) =>
    typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null,
  );
  const folders = entries.filter((entry) => entry && entry.isDirectory);
  if (folders.length === 1) {
    try {
      const children = await readFolder(folders[0]);
      const files = await Promise.all(
        children
          .filter((e) => e.isFile)
          .map((e) => new Promise((resolve, reject) => e.file(resolve, reject))),
      );
      return { files, folder: folders[0].name };
    } catch {
      // Fall back to the files of the drop.
    }
  }
  return { files: dropped, folder: '' };
}

function readFolder(directory) {
  const reader = directory.createReader();
  const all = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) {
          resolve(all);
          return;
        }
        all.push(...batch);
        next();
      }, reject);
    next();
  });
}

/** 26.4 MB, 29 KB. */
function fileSize(bytes) {
  return bytes >= 1e6 ? megabytes(bytes) : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}
