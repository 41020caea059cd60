// The insights feature on the page ("Look inside"): the test set's confusion matrix and the
// misread images of the model the pad uses (the worker sends its evaluation whenever the model or
// the data changes, and after a run), and the first layer's weights, live while training.
import { capitalise } from '../../../lib/shared/format.js';
import { Insights } from './insights.js';
import { WeightsView } from './weights-view.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {object} app
 * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} app.bridge
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 * @param {() => boolean} app.stale  a run is replacing the model the insights describe
 */
export function mountInsights({ bridge, session, renderer, stale }) {
  const insights = new Insights($('insights'));
  const weights = new WeightsView({
    section: $('weights-panel'),
    canvas: $('weights'),
    summary: $('weights-summary'),
    title: $('weights-title'),
    onWatch: (enabled) => bridge.call('watch-weights', { enabled }).catch(() => {}),
  });
  let timer = 0;
  bridge.on('evaluation', (evaluation) => {
    // Building the matrix and the gallery takes a few milliseconds that should not add to the
    // message's own task.
    clearTimeout(timer);
    const source = `${capitalise(evaluation.model || 'the model')} · ${evaluation.dataset} test set`;
    timer = window.setTimeout(() => insights.show(evaluation, source), 0);
  });
  let dataName = '';
  bridge.on('data-ready', ({ name }) => {
    if (dataName && name !== dataName) insights.show(null, ''); // another test set: until evaluated
    dataName = name;
  });
  bridge.on('weights', (message) => weights.apply(message));
  bridge.on('model', ({ model }) => {
    if (model.source === 'none') weights.clear();
  });
  // A new worker's module is up: it streams the weights if the tiles are on screen.
  session.onPresets(() => {
    if (weights.watching) bridge.call('watch-weights', { enabled: true }).catch(() => {});
  });
  renderer.add(() => insights.setStale(stale()));
  return insights;
}
