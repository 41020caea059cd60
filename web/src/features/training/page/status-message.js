// The status strip's sentence: what the page is doing now, said from its state. Pure, no DOM.
import { integer, percent, sentence } from '../../../lib/shared/format.js';
import { State } from '../../../protocol.js';

/**
 * @typedef {object} StatusFacts
 * @property {import('../../../protocol.js').StateName} state
 * @property {string} error         why the worker is in the error state
 * @property {boolean} needsRestart Retry would replace the worker
 * @property {string} notice        a refusal that changed no state
 * @property {boolean} starting
 * @property {string} runName
 * @property {{loaded: number, total: number} | null} download
 * @property {{name: string, train: number, validation: number, test: number} | null} data
 * @property {number | null} finalTestAccuracy
 */

/** "digits" for MNIST, "Fashion-MNIST images" for the user's data. */
function itemsName(/** @type {StatusFacts['data']} */ data) {
  return !data || data.name === 'MNIST' ? 'digits' : `${data.name} images`;
}

/** @param {StatusFacts} facts @returns {string} */
export function statusMessage(facts) {
  const { state, data, download } = facts;
  if (facts.notice && state !== State.ERROR) return sentence(facts.notice);
  const items = itemsName(data);
  switch (state) {
    case State.LOADING:
      if (!download) return 'Loading the network and the MNIST digits…';
      if (download.total > 0 && download.loaded >= download.total) return 'Unpacking the digits…';
      return 'Downloading the MNIST digits…';
    case State.READY:
      if (facts.starting) return 'Starting…';
      return data
        ? `Ready: ${integer(data.train)} training, ${integer(data.validation)} validation and ${integer(data.test)} test ${items} loaded. Press Start.`
        : 'Ready.';
    case State.TRAINING:
      return `Training${facts.runName ? ` ${facts.runName}` : ''} on ${data ? integer(data.train) : 'the'} ${items}…`;
    case State.PAUSED:
      return 'Paused. Resume to go on, or Reset to start over.';
    case State.DONE:
      if (facts.starting) return 'Starting…';
      return facts.finalTestAccuracy != null
        ? `Finished: ${percent(facts.finalTestAccuracy)} of the ${data ? integer(data.test) : ''} test ${items}, never seen in training, read correctly.`
        : 'Finished.';
    case State.ERROR:
      return facts.needsRestart
        ? `${sentence(facts.error)} Retry loads everything again.`
        : sentence(facts.error);
    default:
      return '';
  }
}
