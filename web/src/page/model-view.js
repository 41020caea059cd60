// One line saying how trained the model the pad uses is: no model yet, the pretrained model, one
// uploaded or kept from an earlier visit, the epoch a run has reached, or the final test accuracy
// of the run that just finished.
import { State } from '../shared/protocol.js';
import { percent } from './format.js';

/**
 * @param {object} page
 * @param {string} page.state
 * @param {import('../shared/protocol.js').ModelInfo|null} page.model  the last MODEL message's
 * @param {object|null} page.progress   the last PROGRESS of the run
 * @param {object|null} page.lastEpoch  the last EPOCH of the run
 * @param {number|null} page.finalTestAccuracy
 * @param {boolean} page.running      the worker is alive
 * @returns {string}
 */
export function describeModel({ state, model, progress, lastEpoch, finalTestAccuracy, running }) {
  if (!running) return 'No model: the network stopped (press Retry)';
  if ((state === State.TRAINING || state === State.PAUSED) && progress) {
    const trained = lastEpoch ? `, ${percent(lastEpoch.valAccuracy, 1)} on validation` : '';
    const verb = state === State.PAUSED ? 'Paused in' : 'Learning:';
    return `${verb} epoch ${progress.epoch} of ${progress.epochs}${trained}`;
  }
  if (state === State.DONE && finalTestAccuracy != null) {
    return `Trained here: final test accuracy ${percent(finalTestAccuracy)}`;
  }
  if (!model || model.source === 'none') {
    return state === State.LOADING ? 'No model yet: loading…' : 'No model yet: press Start to train one';
  }
  const accuracy = model.testAccuracy != null ? ` · ${percent(model.testAccuracy)} on the test set` : '';
  const epochs = model.epochs ? `, ${model.epochs} epoch${model.epochs === 1 ? '' : 's'}` : '';
  const preset = model.preset ? ` ${model.preset}` : '';
  if (model.source === 'pretrained') return `Pretrained${preset} model${accuracy}`;
  if (model.source === 'uploaded') return `Uploaded model${preset}${epochs}${accuracy}`;
  if (model.kept) return `Trained here on an earlier visit:${preset}${epochs}${accuracy}`;
  return `Trained here:${preset}${epochs}${accuracy}`;
}
