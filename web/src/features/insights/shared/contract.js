// What the page and the worker say about what the model has learned. Calls:
//   evaluate {} -> Evaluation           the active model on the test set (about 0.1 s)
//   watch-weights {enabled} -> {}       stream the first layer's weights while the tiles show
// Events: evaluation (after a run and whenever the model or the data changes outside a run),
// weights (at once, at most every 250 ms while training, and when the model changes).

/**
 * The test-set evaluation of a model.
 * @typedef {object} Evaluation
 * @property {number} testAccuracy   0..1
 * @property {number} testLoss
 * @property {number} classes
 * @property {Int32Array} confusion  classes x classes, row-major, row = true label
 * @property {Int32Array} mistakes   [testIndex, label, predicted] per shown mistake, the most
 *                                   confident first (at most 60)
 * @property {Float32Array} confidences  the network's output for each mistake's prediction
 * @property {Uint8Array} images     28*28 bytes per mistake, in the same order
 */

/**
 * @typedef {object} Weights  the first layer's weights, for the tiles
 * @property {number} units          units sent (at most 256)
 * @property {number} totalUnits     the layer's size
 * @property {number} inputs
 * @property {Float32Array} weights  units x inputs, row-major: unit j's weights at j*inputs
 * @property {string} [reason]       why there are none (units 0) although there is a model
 */

/**
 * @typedef {object} InsightsEvents
 * @property {Evaluation & {model: string, dataset: string}} evaluation  with the name of the model
 *   and of the data it was tested on
 * @property {Weights} weights
 */

export {};
