// The drawing pad read by the network: the drawing goes to the worker at the end of every stroke,
// again when the weights change (and every second while the network learns), and the latest
// answer is shown as the probabilities, the 28 x 28 image the network saw, a CNN's feature maps
// and the hidden layer.
// Only the answer to the latest drawing is shown; one for an older drawing, or for a pad since
// cleared, is dropped. A screen reader hears the answer to a stroke, not every re-reading.
import { setText } from '../../../lib/page/dom.js';
import { ActivationsView } from './activations-view.js';
import { FeatureMapsView } from './feature-maps-view.js';
import { DrawingPad } from './pad.js';
import { PredictionView } from './prediction-view.js';

/** How often the drawing is read again while the network learns (ms). */
const LIVE_CLASSIFY_MS = 1000;

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * The drawing on the pad as the network last read it: what another feature (teach) keeps.
 * @typedef {{digit: number, image: Uint8Array, strokes: {x: number, y: number}[][]}} Reading
 */

export class DrawingReader {
  #liveTimer = 0;
  /** Raised by every drawing sent and every Clear: an answer is shown only if it is the latest. */
  #latest = 0;
  /** @type {((reading: Reading | null) => void)[]} told of every shown answer, and of Clear */
  #readingListeners = [];

  /**
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} bridge
   * @param {import('../../../lib/page/session.js').Session} session
   */
  constructor(bridge, session) {
    this.bridge = bridge;
    this.session = session;
    this.announcer = $('prediction-announce');
    this.prediction = new PredictionView({
      root: $('prediction'),
      digit: $('prediction-digit'),
      text: $('prediction-text'),
      list: $('probabilities'),
      seen: $('seen'),
    });
    this.activations = new ActivationsView({
      root: $('activations'),
      canvas: $('activations-canvas'),
      title: $('activations-title'),
      note: $('activations-note'),
    });
    this.featureMaps = new FeatureMapsView({
      root: $('feature-maps'),
      list: $('feature-maps-list'),
      note: $('feature-maps-note'),
    });
    this.pad = new DrawingPad($('pad'), {
      onStrokeEnd: () => this.classify({ announce: true }),
      onChange: (empty) => {
        $('pad-frame').dataset.empty = String(empty);
      },
    });
    $('clear').addEventListener('click', () => this.clear());
    // New weights read the drawing again: another model, or a run's next epoch.
    bridge.on('model', () => this.classifyAgain());
    bridge.on('epoch', () => this.classifyAgain());
  }

  /** Calls `listener` with each reading shown (null when the pad is cleared or reads nothing). */
  onReading(/** @type {(reading: Reading | null) => void} */ listener) {
    this.#readingListeners.push(listener);
  }

  #tell(/** @type {Reading | null} */ reading) {
    for (const listener of this.#readingListeners) listener(reading);
  }

  /** Empties the pad and what was read from it. */
  clear() {
    this.#tell(null);
    this.#latest += 1;
    this.pad.clear();
    this.prediction.clear();
    this.activations.clear();
    this.featureMaps.clear();
    setText(this.announcer, '');
  }

  /** Sends the drawing to the worker; the answer to the latest one is shown. */
  async classify({ announce = false } = {}) {
    const { pad, prediction } = this;
    if (pad.empty) return;
    const { ink, width, height } = pad.readInk();
    const token = ++this.#latest;
    prediction.expect();
    try {
      const answer = await this.bridge.call('predict', { width, height, ink }, { transfer: [ink] });
      if (token !== this.#latest) return;
      prediction.apply(answer);
      if (answer.empty) {
        this.activations.clear();
        this.featureMaps.clear();
      } else {
        const maps = answer.featureMaps ?? [];
        this.featureMaps.show(maps);
        this.activations.show(answer.hidden, hiddenTitle(maps.length > 0, this.session.model?.sizes));
      }
      this.#tell(
        answer.empty || !answer.image
          ? null
          : { digit: answer.digit, image: answer.image.slice(), strokes: structuredClone(pad.strokes) },
      );
      if (announce) setText(this.announcer, prediction.sentence || prediction.text.textContent || '');
    } catch (error) {
      if (token !== this.#latest) return;
      const stopped = /** @type {Error} */ (error).name === 'WorkerStopped';
      prediction.fail(
        stopped ? 'the network is not running: press Retry' : /** @type {Error} */ (error).message,
      );
    }
  }

  /** The weights changed: read the drawing again (not in the middle of a stroke). */
  classifyAgain() {
    if (!this.pad.empty && !this.pad.drawing) this.classify();
  }

  /** While the network trains, the drawing is read again every second. */
  render() {
    const live = this.session.state === 'training';
    if (live && !this.#liveTimer) {
      this.#liveTimer = window.setInterval(() => {
        if (!this.pad.empty && !this.pad.drawing && !this.prediction.waiting) this.classify();
      }, LIVE_CLASSIFY_MS);
    } else if (!live && this.#liveTimer) {
      clearInterval(this.#liveTimer);
      this.#liveTimer = 0;
    }
  }

  /** The class names changed; `classes` is how many the data has. */
  setNames(/** @type {string[]} */ names, /** @type {number} */ classes) {
    this.prediction.setNames(names, classes);
  }
}

/**
 * What the hidden-layer view is titled: the first dense layer of a CNN (after its feature maps),
 * else the hidden layer, "first" when an MLP has more.
 * @param {boolean} convolutional
 * @param {number[] | undefined} sizes  the model's layer sizes, input first
 */
function hiddenTitle(convolutional, sizes) {
  if (convolutional) return 'First dense layer';
  return (sizes?.length ?? 3) > 3 ? 'First hidden layer' : 'Hidden layer';
}
