// One render pass for the whole page: every feature adds its render function, and anything that
// changed asks for a pass, now (a click, a state change) or on the next frame (a stream of
// progress: many messages, one pass).

export class Renderer {
  /** @type {Array<() => void>} */
  #parts = [];
  #frame = 0;

  /** @param {() => void} render */
  add(render) {
    this.#parts.push(render);
  }

  /** A pass on the next animation frame (once for every request before it). */
  request() {
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.now());
  }

  /** A pass now. */
  now() {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const render of this.#parts) {
      try {
        render();
      } catch (error) {
        // A bug in one view must not leave the others stale.
        console.error(error);
      }
    }
  }
}
