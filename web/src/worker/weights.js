// Streams the first layer's weights to the page while it shows them (WATCH_WEIGHTS).
import { FromWorker } from '../shared/protocol.js';
import { post, worker } from './context.js';

const MAX_UNITS = 256;
const INTERVAL_MS = 250;

let watching = false;
let lastSent = -Infinity;

export function watchWeights(enabled) {
  watching = Boolean(enabled);
  if (watching) sendWeights();
}

/** Sends the weights now, if the page is watching and there is a model. */
export function sendWeights() {
  const { session } = worker;
  if (!watching || !session || !session.hasNetwork()) return;
  const sizes = session.architecture().sizes;
  const inputs = sizes[0];
  const allUnits = sizes[1];
  const units = Math.min(allUnits, MAX_UNITS);
  const columnMajor = session.weights(0); // unit j's weight from input k at j + k * allUnits
  const weights = new Float32Array(units * inputs);
  for (let k = 0; k < inputs; k++) {
    const column = k * allUnits;
    for (let j = 0; j < units; j++) weights[j * inputs + k] = columnMajor[column + j];
  }
  lastSent = performance.now();
  post({ type: FromWorker.WEIGHTS, units, totalUnits: allUnits, inputs, weights }, [weights.buffer]);
}

/** During training: sends at most every INTERVAL_MS. */
export function maybeSendWeights() {
  if (watching && performance.now() - lastSent >= INTERVAL_MS) sendWeights();
}
