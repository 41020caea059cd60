// The drawing pad read by the network: the drawing goes to the worker at the end of every stroke,
// again when the weights change (and every second while the network learns), and the latest
// answer is shown as the probabilities, the 28 x 28 image the network saw and the hidden layer.
import { ActivationsView } from './activations-view.js';
import { DrawingPad } from './pad.js';
import { PredictionView } from './prediction-view.js';

/** How often the drawing is read again while the network learns (ms). */
const LIVE_CLASSIFY_MS = 1000;

const $ = (id) => document.getElementById(id);

export class DrawingReader {
  /** @param {import('./worker-client.js').WorkerClient} client */
  constructor(client) {
    this.client = client;
    this.liveTimer = 0;
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
    this.pad = new DrawingPad($('pad'), {
      onStrokeEnd: () => this.classify(),
      onChange: (empty) => {
        $('pad-frame').dataset.empty = String(empty);
      },
    });
    $('clear').addEventListener('click', () => this.clear());
  }

  /** Empties the pad and what was read from it. */
  clear() {
    this.pad.clear();
    this.prediction.clear();
    this.activations.clear();
  }

  /** Sends the drawing to the worker; the answer to the latest request is shown. */
  classify() {
    const { pad, prediction, client } = this;
    if (pad.empty) return;
    const { ink, width, height } = pad.readInk();
    const requestId = client.predict(ink, width, height);
    prediction.expect(requestId);
    if (!client.running) prediction.fail(requestId, 'the network is not running: press Retry');
  }

  /** The weights changed: read the drawing again (not in the middle of a stroke). */
  classifyAgain() {
    if (!this.pad.empty && !this.pad.drawing) this.classify();
  }

  /** While `live` (the network is training) the drawing is read again every second. */
  updateLive(live) {
    if (live && !this.liveTimer) {
      this.liveTimer = setInterval(() => {
        if (!this.pad.empty && !this.pad.drawing && !this.prediction.waiting) this.classify();
      }, LIVE_CLASSIFY_MS);
    } else if (!live && this.liveTimer) {
      clearInterval(this.liveTimer);
      this.liveTimer = 0;
    }
  }

  /**
   * A PREDICTION: shown if it answers the latest request.
   * @param {object} message
   * @param {import('../shared/protocol.js').ModelInfo|null} model  the model that answered
   */
  show(message, model) {
    if (!this.prediction.apply(message)) return;
    if (message.empty) this.activations.clear();
    else this.activations.show(message.hidden, (model?.sizes?.length ?? 3) > 3);
  }

  /** An ERROR answering a classification request. */
  fail(requestId, message) {
    this.prediction.fail(requestId, message);
  }

  /** The class names changed; `classes` is how many the data has. */
  setNames(names, classes) {
    this.prediction.setNames(names, classes);
  }
}
