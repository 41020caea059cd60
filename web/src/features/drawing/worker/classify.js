// Reads a drawing with the active model: the core preprocesses it the MNIST way and classifies it.
import { worker } from '../../../lib/worker/context.js';
import { transfer } from '../../../lib/worker/serve.js';

/** Reused between drawings; grows when a larger canvas arrives. */
let inkBuffer = /** @type {import('../../../../../cpp/wasm/nn').ByteBuffer | null} */ (null);

/**
 * predict: a drawing's ink -> what the network reads.
 * @param {{width: number, height: number, ink: ArrayBuffer}} drawing
 * @returns {import('../shared/contract.js').Prediction | import('../../../lib/worker/serve.js').Transfer<import('../shared/contract.js').Prediction>}
 */
function predict({ width, height, ink }) {
  const { nn, session } = worker;
  /** @type {import('../shared/contract.js').Prediction} */
  const nothing = {
    empty: true,
    digit: -1,
    probabilities: null,
    image: null,
    hidden: null,
    featureMaps: [],
  };
  if (!session.hasNetwork()) return { ...nothing, message: 'there is no model yet' };
  if (!(ink instanceof ArrayBuffer)) throw new Error('no ink data');
  const bytes = new Uint8Array(ink);
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1 ||
    bytes.length !== width * height
  ) {
    throw new Error(
      `a drawing of ${width} x ${height} needs ${width * height} ink bytes, got ${bytes.length}`,
    );
  }
  if (!inkBuffer || inkBuffer.size() < bytes.length) {
    inkBuffer?.delete();
    inkBuffer = new nn.ByteBuffer(bytes.length);
  }
  inkBuffer.view().set(bytes);
  const result = session.classify(inkBuffer, width, height, 1);
  if (result.empty) return nothing;
  const probabilities = session.probabilities().slice();
  const image = session.digitImage().slice();
  const layers = session.architecture()?.layers ?? [];
  // The first hidden dense layer (the last layer is the output), and every feature map before it.
  const firstDense = layers.findIndex((layer, i) => layer.kind === 'dense' && i < layers.length - 1);
  const hidden = firstDense >= 0 ? (session.layerOutput(firstDense)?.slice() ?? null) : null;
  const featureMaps = featureMapsOf(session, layers);
  const buffers = [
    probabilities.buffer,
    image.buffer,
    ...(hidden ? [hidden.buffer] : []),
    ...featureMaps.map((map) => map.values.buffer),
  ];
  return transfer({ empty: false, digit: result.digit, probabilities, image, hidden, featureMaps }, buffers);
}

/**
 * The feature maps of every convolution and pooling for the drawing just classified.
 * @param {import('../../../../../cpp/wasm/nn').Session} session
 * @param {import('../../../../../cpp/wasm/nn').LayerInfo[]} layers
 * @returns {import('../shared/contract.js').FeatureMaps[]}
 */
function featureMapsOf(session, layers) {
  /** @type {import('../shared/contract.js').FeatureMaps[]} */
  const maps = [];
  layers.forEach((layer, index) => {
    if (layer.kind !== 'conv2d' && layer.kind !== 'maxpool') return;
    const values = session.layerOutput(index)?.slice();
    if (!values) return;
    const { channels, height, width } = layer.output;
    const name =
      layer.kind === 'conv2d'
        ? `conv ${layer.kernel}×${layer.kernel} ×${layer.filters}${layer.padding === 'same' ? ' same' : ''}`
        : 'max-pool 2×2';
    maps.push({ layer: index, kind: layer.kind, name, channels, height, width, values });
  });
  return maps;
}

export const drawingHandlers = { predict };
