// Streams the first layer's weights to the page while it shows them (watch-weights).
import { worker } from '../../../lib/worker/context.js';
import { emit } from '../../../lib/worker/serve.js';

const MAX_UNITS = 256;
const INTERVAL_MS = 250;
const CONVOLUTIONAL = "This model's first layer is convolutional: its weights are not 28 × 28 tiles.";

let watching = false;
let lastSent = -Infinity;

/** watch-weights: on, the weights go at once and then as they change. */
function watchWeights(/** @type {{enabled: boolean}} */ { enabled }) {
  watching = Boolean(enabled);
  if (watching) sendWeights();
  return {};
}

/** Sends the weights now, if the page is watching and there is a model. */
export function sendWeights() {
  const { session } = worker;
  if (!watching || !session || !session.hasNetwork()) return;
  const architecture = session.architecture();
  if (!architecture) return;
  if (architecture.layers[0]?.kind !== 'dense') {
    // Tiles of a convolution's filters are another view (issue 11); until then, say why none.
    const none = new Float32Array(0);
    emit('weights', { units: 0, totalUnits: 0, inputs: 0, weights: none, reason: CONVOLUTIONAL });
    return;
  }
  const [inputs, allUnits] = architecture.sizes;
  const units = Math.min(allUnits, MAX_UNITS);
  const columnMajor = session.weights(0); // unit j's weight from input k at j + k * allUnits
  const weights = new Float32Array(units * inputs);
  for (let k = 0; k < inputs; k++) {
    const column = k * allUnits;
    for (let j = 0; j < units; j++) weights[j * inputs + k] = columnMajor[column + j];
  }
  lastSent = performance.now();
  emit('weights', { units, totalUnits: allUnits, inputs, weights }, [weights.buffer]);
}

/** During training: sends at most every INTERVAL_MS. */
export function maybeSendWeights() {
  if (watching && performance.now() - lastSent >= INTERVAL_MS) sendWeights();
}

export const weightsHandlers = {
  'watch-weights': watchWeights,
};
