// The status strip: the state (data-state on the status element, which tests read), a sentence
// saying what is happening, the MNIST download progress while loading, the run's metrics (epoch,
// batch, samples per second, elapsed and remaining time) and the error with its Retry button.
import { setText } from '../../../lib/page/dom.js';
import { duration, integer, megabytes, percent } from '../../../lib/shared/format.js';
import { State } from '../../../protocol.js';

/** @type {Record<string, string>} */
const LABELS = {
  [State.LOADING]: 'Loading',
  [State.READY]: 'Ready',
  [State.TRAINING]: 'Training',
  [State.PAUSED]: 'Paused',
  [State.DONE]: 'Done',
  [State.ERROR]: 'Error',
};

export class StatusView {
  /**
   * @param {HTMLElement} root  the element with data-testid="status"
   * @param {{onRetry: () => void}} actions
   */
  constructor(root, { onRetry }) {
    this.root = root;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.label = $('state-label');
    this.message = $('status-message');
    this.retry = $('retry');
    this.dataRow = $('data-progress-row');
    this.dataBar = $('data-progress');
    this.dataText = $('data-progress-text');
    this.metrics = $('metrics');
    this.epoch = $('metric-epoch');
    this.batch = $('metric-batch');
    this.speed = $('metric-speed');
    this.elapsed = $('metric-elapsed');
    this.remaining = $('metric-remaining');
    this.runBar = $('run-progress');
    this.retry.addEventListener('click', () => onRetry());
  }

  /**
   * @param {object} view
   * @param {string} view.state
   * @param {string} view.message     the sentence to show
   * @param {{loaded: number, total: number}|null} view.download
   * @param {import('../shared/contract.js').Progress | null} view.progress  the run's last progress
   * @param {string} view.retry       the label of the button in the error state ('' = none)
   */
  render({ state, message, download, progress, retry }) {
    if (this.root.dataset.state !== state) this.root.dataset.state = state;
    setText(this.label, LABELS[state] || state);
    setText(this.message, message);
    this.retry.hidden = !retry;
    if (retry) setText(this.retry, retry);

    const loading = state === State.LOADING;
    this.dataRow.hidden = !loading;
    if (loading) this.renderDownload(download);

    const showRun = Boolean(progress) && state !== State.LOADING && state !== State.READY;
    this.metrics.hidden = !showRun;
    this.runBar.hidden = !showRun;
    if (progress && showRun) this.renderProgress(progress, state);
  }

  /** @param {{loaded: number, total: number} | null} download */
  renderDownload(download) {
    if (download && download.total > 0) {
      const fraction = Math.min(1, download.loaded / download.total);
      this.dataBar.max = 1;
      this.dataBar.value = fraction;
      setText(this.dataText, `${megabytes(download.loaded)} of ${megabytes(download.total)}`);
    } else {
      this.dataBar.removeAttribute('value'); // indeterminate until the size is known
      setText(this.dataText, download ? megabytes(download.loaded) : '');
    }
  }

  /** @param {import('../shared/contract.js').Progress} p @param {string} state */
  renderProgress(p, state) {
    const perEpoch = p.batchesPerEpoch || 0;
    setText(this.epoch, `${p.epoch} / ${p.epochs}`);
    setText(this.batch, perEpoch ? `${integer(p.batch)} / ${integer(perEpoch)}` : '–');
    setText(this.speed, state === State.TRAINING || state === State.DONE ? integer(p.samplesPerSecond) : '–');
    setText(this.elapsed, duration(p.elapsedSeconds));
    const remaining = state === State.DONE ? 0 : state === State.ERROR ? null : p.remainingSeconds;
    setText(this.remaining, duration(remaining));
    const total = perEpoch * p.epochs;
    const done = state === State.DONE ? total : (p.epoch - 1) * perEpoch + p.batch;
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    this.runBar.value = fraction;
    this.runBar.setAttribute('aria-valuetext', percent(fraction, 0));
  }
}
