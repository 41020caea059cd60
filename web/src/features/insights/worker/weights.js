// Streams the first layer's weights to the page while it shows them (watch-weights): for an MLP
// each unit's weights over the input image, for a CNN the first convolution's filters.
import { worker } from '../../../lib/worker/context.js';
import { emit } from '../../../lib/worker/serve.js';

const MAX_UNITS = 256;
const INTERVAL_MS = 250;

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
  const message =
    architecture.layers[0]?.kind === 'dense' ? denseTiles(session, architecture) : filterTiles(session);
  if (!message) return;
  lastSent = performance.now();
  emit('weights', message, [message.weights.buffer]);
}

/**
 * The first dense layer's weights, one row per unit (the core stores them column-major).
 * @param {import('../../../../../cpp/wasm/nn').Session} session
 * @param {import('../../../../../cpp/wasm/nn').Architecture} architecture
 * @returns {import('../shared/contract.js').Weights}
 */
function denseTiles(session, architecture) {
  const [inputs, allUnits] = architecture.sizes;
  const units = Math.min(allUnits, MAX_UNITS);
  const columnMajor = session.weights(0); // unit j's weight from input k at j + k * allUnits
  const weights = new Float32Array(units * inputs);
  for (let k = 0; k < inputs; k++) {
    const column = k * allUnits;
    for (let j = 0; j < units; j++) weights[j * inputs + k] = columnMajor[column + j];
  }
  return { kind: 'dense', units, totalUnits: allUnits, inputs, weights };
}

/**
 * The first convolution's filters, one tile per filter and input channel ([filters][channels][k][k]
 * is already tile after tile); null for a network without a convolution.
 * @param {import('../../../../../cpp/wasm/nn').Session} session
 * @returns {import('../shared/contract.js').Weights | null}
 */
function filterTiles(session) {
  const filters = session.filters();
  if (!filters) return null;
  const [count, channels, kernel] = filters.shape;
  const tiles = count * channels;
  const units = Math.min(tiles, MAX_UNITS);
  const weights = filters.values.slice(0, units * kernel * kernel);
  return { kind: 'conv2d', units, totalUnits: tiles, inputs: kernel * kernel, channels, weights };
}

/** During training: sends at most every INTERVAL_MS. */
export function maybeSendWeights() {
  if (watching && performance.now() - lastSent >= INTERVAL_MS) sendWeights();
}

export const weightsHandlers = {
  'watch-weights': watchWeights,
};
