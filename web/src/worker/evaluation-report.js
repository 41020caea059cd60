// Turns the core's test-set evaluation into the protocol's Evaluation: accuracy, confusion
// matrix and the most confident mistakes with their images.
import { worker } from './context.js';

const MAX_MISTAKES = 60;
const PIXELS = 28 * 28;

/** @returns {{message: object, transfer: ArrayBuffer[]}} the Evaluation fields and buffers. */
export function evaluationReport() {
  const { session } = worker;
  const result = session.testResult();
  const confusion = session.confusion().slice();
  const all = session.mistakes().slice(); // [index, label, predicted] per mistake
  const allConfidences = session.mistakeConfidences().slice();
  const order = Array.from({ length: allConfidences.length }, (_, i) => i)
    .sort((a, b) => allConfidences[b] - allConfidences[a])
    .slice(0, MAX_MISTAKES);
  const mistakes = new Int32Array(order.length * 3);
  const confidences = new Float32Array(order.length);
  const images = new Uint8Array(order.length * PIXELS);
  order.forEach((m, i) => {
    mistakes.set(all.subarray(3 * m, 3 * m + 3), 3 * i);
    confidences[i] = allConfidences[m];
    images.set(session.testImage(all[3 * m]), i * PIXELS);
  });
  return {
    message: {
      testAccuracy: result.accuracy,
      testLoss: result.loss,
      classes: result.classes,
      confusion,
      mistakes,
      confidences,
      images,
    },
    transfer: [confusion.buffer, mistakes.buffer, confidences.buffer, images.buffer],
  };
}
