// One line over the pad saying which model reads the drawings and how trained it is: the epoch a
// run has reached, the final test accuracy of the run that just finished, or the model's name
// (the same words the model panel uses). Pure, no DOM.
import { capitalise, percent } from '../../../lib/shared/format.js';
import { State } from '../../../protocol.js';

/**
 * @param {object} facts
 * @param {string} facts.state
 * @param {import('../shared/contract.js').ModelInfo | null} facts.model
 * @param {{epoch: number, epochs: number} | null} facts.progress  the run's last progress
 * @param {{valAccuracy: number | null} | null} facts.lastEpoch     the run's last epoch
 * @param {number | null} facts.finalTestAccuracy
 * @param {boolean} facts.alive  the worker is there
 * @returns {string}
 */
export function modelLine({ state, model, progress, lastEpoch, finalTestAccuracy, alive }) {
  if (!alive) return 'No model: the network stopped (press Retry)';
  if ((state === State.TRAINING || state === State.PAUSED) && progress) {
    const trained =
      lastEpoch?.valAccuracy != null ? `, ${percent(lastEpoch.valAccuracy, 1)} on validation` : '';
    const verb = state === State.PAUSED ? 'Paused in' : 'Learning:';
    return `${verb} epoch ${progress.epoch} of ${progress.epochs}${trained}`;
  }
  if (state === State.DONE && finalTestAccuracy != null) {
    return `Trained here: final test accuracy ${percent(finalTestAccuracy)}`;
  }
  if (!model || model.source === 'none') {
    return state === State.LOADING ? 'No model yet: loading…' : 'No model yet: press Start to train one';
  }
  return `${capitalise(model.name)}${model.kept ? ' (kept from your last visit)' : ''}`;
}
