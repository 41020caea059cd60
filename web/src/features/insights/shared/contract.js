// What the page and the worker say about what the model has learned. Calls:
//   evaluate {} -> Evaluation           the active model on the test set (about 0.1 s)
//   watch-weights {enabled} -> {}       stream the first layer's weights (a CNN's first
//                                       convolution's filters) while the tiles show
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
 * @typedef {object} Weights  the first layer's weights, for the tiles: a dense first layer's
 *   units over the image, or (for a CNN) the first convolution's filters
 * @property {'dense' | 'conv2d'} kind
 * @property {number} units          tiles sent (at most 256): units, or filters x channels
 * @property {number} totalUnits     the layer's size (units, or filters x channels)
 * @property {number} inputs         values per tile (784 for an MNIST MLP, k*k for a filter)
 * @property {number} [channels]     conv2d: input channels (tile i is filter floor(i/channels))
 * @property {Float32Array} weights  units x inputs, row-major: tile j's weights at j*inputs
 */

/**
 * @typedef {object} InsightsEvents
 * @property {Evaluation & {model: string, dataset: string}} evaluation  with the name of the model
 *   and of the data it was tested on
 * @property {Weights} weights
 */

export {};
