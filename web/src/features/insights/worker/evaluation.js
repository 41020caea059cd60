// The test-set evaluation of the active model: accuracy, confusion matrix and the most confident
// mistakes with their images. Sent as an 'evaluation' event whenever the model or the data
// changes outside a run (and after a run), and answered to 'evaluate'.
import { running, worker } from '../../../lib/worker/context.js';
import { emit, exclusive, transfer } from '../../../lib/worker/serve.js';
import { currentModel, refineModel } from '../../model/worker/models.js';

const MAX_MISTAKES = 60;
const PIXELS = 28 * 28;

/**
 * The core's last test-set evaluation as the protocol's Evaluation, and the buffers to transfer.
 * @returns {{evaluation: import('../shared/contract.js').Evaluation, buffers: ArrayBuffer[]}}
 */
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
    evaluation: {
      testAccuracy: result.accuracy,
      testLoss: result.loss,
      classes: result.classes,
      confusion,
      mistakes,
      confidences,
      images,
    },
    buffers: [confusion.buffer, mistakes.buffer, confidences.buffer, images.buffer],
  };
}

/** Sends the last evaluation as an event, naming the model and the data. */
export function emitLastEvaluation() {
  const { evaluation, buffers } = evaluationReport();
  const model = currentModel();
  emit('evaluation', { ...evaluation, model: model?.name ?? '', dataset: worker.dataName }, buffers);
}

/** Evaluates the active model on the test set now (about 0.1 s); false when it cannot. */
function evaluateNow() {
  const { session } = worker;
  if (!worker.dataName || running() || !session.hasNetwork()) return false;
  session.evaluateCurrent();
  while (session.phase() === 'testing') session.step(1 << 16);
  const model = currentModel();
  // A model without a known accuracy on this data learns it now (an upload, say).
  if (model && model.testAccuracy == null && (model.dataset ?? worker.dataName) === worker.dataName) {
    refineModel({ testAccuracy: session.testResult().accuracy, dataset: worker.dataName });
  }
  return true;
}

/** The model or the data changed outside a run: the page sees the new evaluation. */
export function emitEvaluation() {
  if (evaluateNow()) emitLastEvaluation();
}

/** evaluate: the active model on the test set. */
function evaluate() {
  if (!worker.dataName) throw new Error('the data is still loading');
  if (running()) throw new Error('the model is being trained: evaluate it when the run is over');
  if (!evaluateNow()) throw new Error('there is no model to evaluate');
  const { evaluation, buffers } = evaluationReport();
  return transfer(evaluation, buffers);
}

export const evaluationHandlers = {
  evaluate: exclusive(evaluate),
};
