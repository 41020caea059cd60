// The drawing feature on the page: the pad, what the network reads from it, and the hidden layer.
import { DrawingReader } from './drawing-reader.js';

/**
 * @param {object} app
 * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} app.bridge
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 */
export function mountDrawing({ bridge, session, renderer }) {
  const reader = new DrawingReader(bridge, session);
  renderer.add(() => reader.render());
  return reader;
}
