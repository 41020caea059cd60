// What the page and the worker say about drawings. Call:
//   predict {width, height, ink: ArrayBuffer (width*height bytes, 0 paper .. 255 full ink,
//     transferred)} -> Prediction   preprocessed the MNIST way and read by the active model

/**
 * @typedef {object} Prediction
 * @property {boolean} empty          no ink, or no model to read it (then `message` says why)
 * @property {number} digit           the class read, -1 when empty
 * @property {Float32Array | null} probabilities
 * @property {Uint8Array | null} image  the 28 x 28 image the network saw
 * @property {Float32Array | null} hidden  the first hidden dense layer's activations (null without
 *   one)
 * @property {FeatureMaps[]} featureMaps  each convolution's and pooling's output, in order (empty
 *   for an MLP)
 * @property {string} [message]
 */

/**
 * @typedef {object} FeatureMaps  one layer's output for the drawing: a map per channel
 * @property {number} layer           its index in the architecture's layers
 * @property {'conv2d' | 'maxpool'} kind
 * @property {string} name            e.g. "conv 5×5 ×6", "max-pool 2×2"
 * @property {number} channels
 * @property {number} height
 * @property {number} width
 * @property {Float32Array} values    channels x height x width (channel c's map at c*height*width)
 */

export {};
