// The core's verdict on the settings form: asked a moment after each edit (or new data or
// presets), kept in page.check so that Start stays disabled while the form is known invalid,
// and shown by the field it names.

/** Pause after an edit before asking the core about the settings (ms). */
const CHECK_DELAY_MS = 150;

export class SettingsCheck {
  /**
   * @param {object} parts
   * @param {import('./page-state.js').PageState} parts.page
   * @param {import('./controls.js').SettingsForm} parts.form
   * @param {import('./worker-client.js').WorkerClient} parts.client
   * @param {() => void} parts.render
   */
  constructor({ page, form, client, render }) {
    this.page = page;
    this.form = form;
    this.client = client;
    this.render = render;
    this.timer = 0;
  }

  /** After an edit (or new data or presets): ask the core about the form, a moment later. */
  schedule() {
    const form = this.form;
    clearTimeout(this.timer);
    this.page.check = { version: form.version, ok: false, pending: form.locallyValid };
    if (form.locallyValid) this.timer = setTimeout(() => this.check(), CHECK_DELAY_MS);
    this.render();
  }

  async check() {
    const form = this.form;
    const config = form.read();
    if (!config) return;
    const version = form.version;
    const answer = await this.client.checkConfig(config);
    if (answer.stale) return; // the worker was replaced; its PRESETS will ask again
    if (form.applyCheck(version, answer)) {
      this.page.check = { version, ok: answer.ok, pending: false };
      this.render();
    }
  }
}
