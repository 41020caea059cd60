// The core's verdict on the settings form: asked a moment after each edit (or new data or
// presets), kept so that Start stays disabled while the form is known invalid, and shown by the
// field it names.

/** Pause after an edit before asking the core about the settings (ms). */
const CHECK_DELAY_MS = 150;

export class SettingsCheck {
  /** The verdict on the form at `version`; pending while the core has not answered. */
  verdict = { version: -1, ok: false, pending: false };
  #timer = 0;

  /**
   * @param {import('./settings-form.js').SettingsForm} form
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} bridge
   * @param {() => void} render
   */
  constructor(form, bridge, render) {
    this.form = form;
    this.bridge = bridge;
    this.render = render;
  }

  /** After an edit (or new data or presets): ask the core about the form, a moment later. */
  schedule() {
    const form = this.form;
    clearTimeout(this.#timer);
    this.verdict = { version: form.version, ok: false, pending: form.locallyValid };
    if (form.locallyValid) this.#timer = setTimeout(() => this.check(), CHECK_DELAY_MS);
    this.render();
  }

  /**
   * Asks the core now; resolves with its answer, or null when the form changed meanwhile or the
   * worker could not answer (a new worker asks again once it has its presets).
   */
  async check() {
    const form = this.form;
    const config = form.read();
    if (!config) return null;
    const version = form.version;
    let answer;
    try {
      answer = await this.bridge.call('check-config', { config });
    } catch {
      return null;
    }
    if (!form.applyCheck(version, answer)) return null;
    this.verdict = { version, ok: answer.ok, pending: false };
    this.render();
    return answer;
  }

  /** The form is known to be invalid (by its format, or by the core's answer about it). */
  knownInvalid() {
    if (!this.form.locallyValid) return true;
    const { version, ok, pending } = this.verdict;
    return version === this.form.version && !pending && !ok;
  }
}
