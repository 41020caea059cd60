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
  const nothing = { empty: true, digit: -1, probabilities: null, image: null, hidden: null };
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
  // A dense first hidden layer's units; a convolution's feature maps are another view (issue 11).
  const architecture = session.architecture();
  const hasHidden = (architecture?.sizes.length ?? 0) > 2 && architecture?.layers[0]?.kind === 'dense';
  const hidden = hasHidden ? (session.layerOutput(0)?.slice() ?? null) : null;
  const buffers = [probabilities.buffer, image.buffer, ...(hidden ? [hidden.buffer] : [])];
  return transfer({ empty: false, digit: result.digit, probabilities, image, hidden }, buffers);
}

export const drawingHandlers = { predict };
