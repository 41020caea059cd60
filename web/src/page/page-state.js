// The page's state: what the worker last said (its state, the data, the model, the run's
// progress) and what the page is doing about it, with the questions the buttons ask of it. The
// page's modules write these fields; render() in main.js makes every view agree with them.
import { State } from '../shared/protocol.js';
import { DIGIT_NAMES } from './class-names.js';

export class PageState {
  #client;
  #form;
  #tutorial;

  /**
   * @param {object} parts  what the answers depend on besides these fields
   * @param {import('./worker-client.js').WorkerClient} parts.client
   * @param {import('./controls.js').SettingsForm} parts.form
   * @param {import('./tutorial.js').Tutorial} parts.tutorial
   */
  constructor({ client, form, tutorial }) {
    this.#client = client;
    this.#form = form;
    this.#tutorial = tutorial;
    this.state = State.LOADING;
    this.error = ''; // the message of the error state
    this.notice = ''; // a message from the worker that changed no state, shown until the next state
    this.download = null; // {loaded, total} while the data downloads
    this.data = null; // the DATA_READY counts once the data is parsed
    this.model = null; // ModelInfo of the model the pad uses
    this.progress = null; // the last PROGRESS of the run shown
    this.runActive = false; // a run was started and not reset: its messages go to the charts
    this.runName = '';
    this.starting = false; // Start pressed: checking the settings, or waiting for the worker to train
    this.check = { version: -1, ok: false, pending: false }; // the core's verdict on the form
    this.run = null; // the SessionRuns record of the run shown
    this.evaluationWanted = false; // the model changed: evaluate it on the test set when the worker can
    this.evaluationRequest = 0; // the EVALUATE awaiting its answer
    this.modelNames = ''; // the class names the active model carries (JSON), '' when none
    this.dataNames = DIGIT_NAMES; // the class names that go with the data (digits, Fashion-MNIST's)
  }

  formKnownInvalid() {
    const form = this.#form;
    if (!form.locallyValid) return true;
    const { version, ok, pending } = this.check;
    return version === form.version && !pending && !ok;
  }

  /** No run owns the network and the worker can take one. */
  idle() {
    return (
      this.state === State.READY ||
      this.state === State.DONE ||
      (this.state === State.ERROR && !this.#client.failed)
    );
  }

  /** A run owns the network (training or paused). */
  runInProgress() {
    return this.state === State.TRAINING || this.state === State.PAUSED;
  }

  canStart() {
    return (
      this.idle() &&
      !this.starting &&
      !this.#tutorial.running &&
      this.data !== null &&
      this.#form.hasPresets &&
      !this.formKnownInvalid()
    );
  }

  canReset() {
    return this.starting || [State.TRAINING, State.PAUSED, State.DONE, State.ERROR].includes(this.state);
  }

  /** The worker failed, or never finished loading: Reset/Retry replaces it. */
  needsRestart() {
    return this.#client.failed || this.data === null;
  }

  /** Why the model or the data cannot be replaced now ('' when they can). */
  busyReason(what) {
    if (!this.#client.running) return 'The network stopped: press Retry.';
    if (this.runInProgress() || this.starting || this.#tutorial.running) return `Reset the run to ${what}.`;
    if (this.state === State.LOADING) return 'Wait until the data has loaded.';
    return '';
  }
}
