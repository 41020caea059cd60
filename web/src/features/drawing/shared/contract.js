// What the page and the worker say about drawings. Call:
//   predict {width, height, ink: ArrayBuffer (width*height bytes, 0 paper .. 255 full ink,
//     transferred)} -> Prediction   preprocessed the MNIST way and read by the active model

/**
 * @typedef {object} Prediction
 * @property {boolean} empty          no ink, or no model to read it (then `message` says why)
 * @property {number} digit           the class read, -1 when empty
 * @property {Float32Array | null} probabilities
 * @property {Uint8Array | null} image  the 28 x 28 image the network saw
 * @property {Float32Array | null} hidden  the first hidden layer's activations (null without one)
 * @property {string} [message]
 */

export {};
