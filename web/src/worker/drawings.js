// Reads a drawing with the current model: the core preprocesses it the MNIST way and classifies it.
import { FromWorker } from '../shared/protocol.js';
import { fail, post, worker } from './context.js';

let inkBuffer = null; // reused between drawings; grows when a larger canvas arrives

export function classify({ requestId, width, height, ink }) {
  const { nn, session } = worker;
  const answer = { type: FromWorker.PREDICTION, requestId, empty: true, digit: -1, hidden: null };
  if (!session || !session.hasNetwork()) {
    post({ ...answer, message: 'there is no model yet' });
    return;
  }
  try {
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
    if (result.empty) {
      post(answer);
      return;
    }
    const probabilities = session.probabilities().slice();
    const image = session.digitImage().slice();
    const hasHidden = session.architecture().sizes.length > 2;
    const hidden = hasHidden ? session.layerOutput(0).slice() : null;
    const transfer = [probabilities.buffer, image.buffer, ...(hidden ? [hidden.buffer] : [])];
    post({ ...answer, empty: false, digit: result.digit, probabilities, image, hidden }, transfer);
  } catch (error) {
    fail(`could not classify the drawing: ${error.message}`, { requestId });
  }
}
