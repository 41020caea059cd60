// The page's picture of the worker: its state, the data, the active model and the presets, kept
// up to date from the worker's events and written nowhere else. Features read it and ask it the
// questions every button asks (is the worker idle? does a run own the network?); what a feature
// does about it is the feature's own state.
import { State } from '../../protocol.js';
import { BUILD_VERSION } from '../shared/build.js';
import { deploymentStorageName } from './deployment.js';

/** Loading that says nothing for this long has stalled (a download that stopped, say) (ms). */
const LOADING_SILENCE_MS = 45000;

/**
 * @typedef {import('../../features/dataset/shared/contract.js').DataInfo} DataInfo
 * @typedef {import('../../features/model/shared/contract.js').ModelInfo} ModelInfo
 * @typedef {import('../../features/training/shared/contract.js').TrainConfig} TrainConfig
 */

export class Session {
  /** @type {import('../../protocol.js').StateName} */
  state = State.LOADING;
  /** Why the worker is in the error state. */
  error = '';
  /** @type {{loaded: number, total: number} | null} the first MNIST download, while it runs */
  download = null;
  /** @type {DataInfo | null} the data the next run trains on */
  data = null;
  /** @type {ModelInfo | null} the model the pad uses */
  model = null;
  /** Whether "use pretrained" can work, and why not. */
  pretrained = { available: false, problem: '' };
  /** @type {Record<string, TrainConfig>} the core's presets, from the worker */
  presets = {};
  #bridge;
  #renderer;
  #lastHeard = 0;
  /** @type {Array<(presets: Record<string, TrainConfig>) => void>} */
  #presetListeners = [];

  /**
   * @param {import('./worker-bridge.js').WorkerBridge} bridge
   * @param {{dataUrl: string, modelUrl: string | null}} urls
   * @param {import('./renderer.js').Renderer} renderer  asked for a pass after every change
   */
  constructor(bridge, urls, renderer) {
    this.#bridge = bridge;
    this.#renderer = renderer;
    const heard = () => (this.#lastHeard = performance.now());
    bridge.on('started', () => {
      heard();
      this.#set({ state: State.LOADING, error: '', download: null, data: null });
      bridge
        .call('init', { ...urls, storageName: deploymentStorageName(), build: BUILD_VERSION })
        .then(({ presets }) => {
          this.presets = presets;
          for (const listener of this.#presetListeners) listener(presets);
          renderer.now();
        })
        .catch((error) => {
          if (error.name !== 'WorkerStopped') bridge.fail(`The network could not start: ${error.message}`);
        });
    });
    bridge.on('state', ({ state, message }) => {
      heard();
      this.#set({ state, error: state === State.ERROR ? message || 'Something went wrong.' : '' });
    });
    bridge.on('data-progress', ({ loaded, total }) => {
      heard();
      if (this.state !== State.LOADING) return;
      this.download = { loaded, total };
      renderer.request(); // many of them: one pass a frame
    });
    bridge.on('data-ready', (data) => {
      heard();
      this.#set({ data, download: null });
    });
    bridge.on('model', ({ model, pretrained }) => this.#set({ model, pretrained }));
    bridge.on('fatal', ({ message }) => this.#set({ state: State.ERROR, error: message }));
    // A load that has gone quiet (a download that stopped without an error) must not hang the page.
    setInterval(() => {
      if (
        this.state === State.LOADING &&
        bridge.alive &&
        performance.now() - this.#lastHeard > LOADING_SILENCE_MS
      ) {
        bridge.fail('Loading stalled: nothing arrived for 45 seconds (is the connection down?)');
      }
    }, 5000);
  }

  /** Calls `listener` with the presets of every new worker, once its module is up. */
  onPresets(/** @type {(presets: Record<string, TrainConfig>) => void} */ listener) {
    this.#presetListeners.push(listener);
  }

  /** A worker is there to answer. */
  get alive() {
    return this.#bridge.alive;
  }

  /** No run owns the network and the worker can take one. */
  idle() {
    return (
      this.state === State.READY ||
      this.state === State.DONE ||
      (this.state === State.ERROR && !this.#bridge.failed && this.data !== null)
    );
  }

  /** A run owns the network (training or paused). */
  runInProgress() {
    return this.state === State.TRAINING || this.state === State.PAUSED;
  }

  /** The worker failed, or never finished loading: Retry replaces it. */
  needsRestart() {
    return this.#bridge.failed || this.data === null;
  }

  /** @param {Partial<Session>} changes */
  #set(changes) {
    Object.assign(this, changes);
    this.#renderer.now();
  }
}
