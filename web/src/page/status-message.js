// The status strip's sentence: what the page is doing now, said from its state.
import { State } from '../shared/protocol.js';
import { integer, percent, sentence } from './format.js';

/** "digits" for MNIST, "Fashion-MNIST images" for the user's data. */
function itemsName(data) {
  return !data || data.name === 'MNIST' ? 'digits' : `${data.name} images`;
}

/**
 * @param {import('./page-state.js').PageState} page
 * @param {import('./run-history.js').RunHistory} history  the run shown
 * @returns {string}
 */
export function statusMessage(page, history) {
  if (page.notice && page.state !== State.ERROR) return sentence(page.notice);
  const items = itemsName(page.data);
  switch (page.state) {
    case State.LOADING:
      if (!page.download) return 'Loading the network and the MNIST digits…';
      if (page.download.total > 0 && page.download.loaded >= page.download.total)
        return 'Unpacking the digits…';
      return 'Downloading the MNIST digits…';
    case State.READY:
      if (page.starting) return 'Starting…';
      return page.data
        ? `Ready: ${integer(page.data.train)} training, ${integer(page.data.validation)} validation and ${integer(page.data.test)} test ${items} loaded. Press Start.`
        : 'Ready.';
    case State.TRAINING:
      return `Training${page.runName ? ` ${page.runName}` : ''} on ${page.data ? integer(page.data.train) : 'the'} ${items}…`;
    case State.PAUSED:
      return 'Paused. Resume to go on, or Reset to start over.';
    case State.DONE:
      if (page.starting) return 'Starting…';
      return history.finalTestAccuracy != null
        ? `Finished: ${percent(history.finalTestAccuracy)} of the ${page.data ? integer(page.data.test) : ''} test ${items}, never seen in training, read correctly.`
        : 'Finished.';
    case State.ERROR:
      return page.needsRestart()
        ? `${sentence(page.error)} Retry loads everything again.`
        : sentence(page.error);
    default:
      return '';
  }
}
