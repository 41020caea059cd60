// The dataset feature on the page: "Your own data" (the user's IDX files, or MNIST again) and the
// class names shown wherever a label is. The names follow the data (digits, or Fashion-MNIST's),
// and a model that carries names of its own brings them (once per model, so they stay editable).
import { ClassNames, DIGIT_NAMES, FASHION_NAMES } from './class-names.js';
import { DatasetPanel } from './dataset-panel.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @param {object} app
 * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} app.bridge
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 * @param {(what: string) => string} app.lockReason  why the data cannot be replaced now
 * @param {(names: string[], classes: number) => void} app.onNames  the names changed
 */
export function mountDataset({ bridge, session, renderer, lockReason, onNames }) {
  /** The names that go with the data, and those the active model brought ('' when none). */
  let dataNames = /** @type {readonly string[]} */ (DIGIT_NAMES);
  let modelNames = '';
  const names = new ClassNames($('class-names-fields'), {
    onChange: (list) => onNames(list, session.data?.classes ?? 10),
  });
  const panel = new DatasetPanel({
    root: $('dataset-panel'),
    bridge,
    onBusy: () => renderer.now(),
    onLoaded: ({ name, fashion }) => {
      dataNames = name !== 'MNIST' && fashion ? FASHION_NAMES : DIGIT_NAMES;
      names.set(dataNames);
      $('class-names').open = name !== 'MNIST'; // other data: show its names, to check or edit them
      modelNames = '';
    },
  });
  $('class-names-fashion').addEventListener('click', () => names.set(FASHION_NAMES));
  $('class-names-digits').addEventListener('click', () => names.set(DIGIT_NAMES));
  bridge.on('model', ({ model }) => {
    const carried = Array.isArray(model.classNames) ? model.classNames : null;
    const key = carried ? JSON.stringify(carried) : '';
    if (carried && key !== modelNames) names.set(carried);
    else if (!carried && modelNames) names.set(dataNames);
    modelNames = key;
  });
  renderer.add(() => {
    const reason = lockReason('load other data');
    panel.render({ canLoad: !reason, reason });
  });
  onNames(names.names, 10);
  return { panel, names };
}
