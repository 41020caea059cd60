// The model feature on the page: the model panel, and the line over the pad saying which model
// reads the drawings.
import { setText } from '../../../lib/page/dom.js';
import { modelLine } from './model-line.js';
import { ModelPanel } from './model-panel.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {object} app
 * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} app.bridge
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 * @param {import('../../training/page/run-control.js').RunControl} app.control
 * @param {import('../../training/page/run-history.js').RunHistory} app.history
 * @param {() => string[]} app.classNames
 */
export function mountModel({ bridge, session, renderer, control, history, classNames }) {
  const panel = new ModelPanel({ root: $('model-panel'), bridge, classNames });
  const line = $('model-line');
  renderer.add(() => {
    setText(
      line,
      modelLine({
        state: session.state,
        model: session.model,
        progress: control.runActive ? control.progress : null,
        lastEpoch: history.lastEpoch,
        finalTestAccuracy: history.finalTestAccuracy,
        alive: session.alive,
      }),
    );
    const reason = control.lockReason('change the model');
    panel.render({ canChange: !reason, reason });
  });
  return panel;
}
