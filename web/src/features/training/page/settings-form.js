// The settings form: the preset select (filled from the core's presets), every setting of the
// chosen preset, and the messages beside the fields. Formats are checked here (fields.js); ranges
// and names are the core's to judge ('check-config'), and its messages are shown by the field
// they name. A preset may carry settings this form does not show (a newer core's): they are kept
// as they are in the configuration it sends, and listed under the summary.
import { capitalise } from '../../../lib/shared/format.js';
import {
  FIELD_BY_SETTING,
  FIELDS,
  SELECTS,
  fieldText,
  otherFields,
  parseField,
  sameAsPreset,
} from './fields.js';

/** What each preset is, for the select; presets the page does not know show their name only. */
const PRESET_TITLES = /** @type {Record<string, string>} */ ({
  seed: 'seed · the tutorial',
  'seed-ce': 'seed-ce · + cross-entropy',
  mlp: 'mlp · ReLU + Adam',
  cnn: 'cnn · convolutional (LeNet-5)',
});
/** What the augmentation field takes, after the preset's default. */
const AUGMENT_CHOICES = 'none, all, or affine, elastic, thickness joined by commas';
const DEFAULT_PRESET = 'mlp';

/** @typedef {import('../shared/contract.js').TrainConfig} TrainConfig */

export class SettingsForm {
  /** @type {Record<string, TrainConfig>} */
  presets = {};
  presetName = '';
  /** Raised by every edit, so an answer about an older form can be recognised. */
  version = 0;
  enabled = false;
  /** @type {Record<string, string>} messages shown, by field id ('preset' included) */
  localErrors = {};
  /** @type {{field: string, message: string} | null} the core's complaint */
  workerError = null;
  /** The core's description of the configuration in the form (its answer to the last check). */
  description = '';

  /**
   * @param {HTMLFormElement} form
   * @param {{onEdit: () => void}} callbacks  called after every edit (to re-check the config)
   */
  constructor(form, { onEdit }) {
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (form.querySelector(`#${id}`));
    this.form = form;
    this.onEdit = onEdit;
    this.select = /** @type {HTMLSelectElement} */ ($('preset'));
    this.modifiedBadge = $('preset-modified');
    this.restoreButton = /** @type {HTMLButtonElement} */ ($('preset-restore'));
    this.summary = $('preset-summary');
    this.others = $('preset-others');
    this.augmentNote = $('augment-note');
    this.formError = $('form-error');
    this.groups = [...form.querySelectorAll('fieldset')];
    /** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */
    this.inputs = Object.fromEntries(FIELDS.map((id) => [id, /** @type {HTMLInputElement} */ ($(id))]));

    this.select.addEventListener('change', () => this.choosePreset(this.select.value));
    this.restoreButton.addEventListener('click', () => this.choosePreset(this.presetName));
    for (const id of FIELDS) {
      this.inputs[id].addEventListener(SELECTS.includes(id) ? 'change' : 'input', () => this.edited());
    }
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  get hasPresets() {
    return Object.keys(this.presets).length > 0;
  }

  /** The core's presets. Keeps the user's choice and edits when they arrive again (a restarted
   *  worker); otherwise shows the default preset. */
  setPresets(/** @type {Record<string, TrainConfig>} */ presets) {
    const first = !this.hasPresets;
    this.presets = presets || {};
    const names = Object.keys(this.presets);
    this.select.replaceChildren(...names.map((name) => new Option(PRESET_TITLES[name] || name, name)));
    if (first || !names.includes(this.presetName)) {
      this.choosePreset(names.includes(DEFAULT_PRESET) ? DEFAULT_PRESET : names[0] || '');
    } else {
      this.select.value = this.presetName;
      this.refreshModified();
    }
    this.applyEnabled();
  }

  choosePreset(/** @type {string} */ name) {
    const config = this.presets[name];
    if (!config) return;
    this.presetName = name;
    this.select.value = name;
    for (const id of FIELDS) {
      if (config[id] !== undefined) this.inputs[id].value = fieldText(id, config[id]);
    }
    this.augmentNote.textContent =
      typeof config.augment === 'string'
        ? `${name}'s default: ${config.augment}. Takes ${AUGMENT_CHOICES}.`
        : `Takes ${AUGMENT_CHOICES}.`;
    const others = otherFields(config);
    this.others.hidden = others.length === 0;
    this.others.textContent = others.length
      ? `Also set by this preset: ${others.map((key) => `${key} ${JSON.stringify(config[key])}`).join(', ')}.`
      : '';
    this.edited();
  }

  edited() {
    this.version += 1;
    this.workerError = null;
    this.validateLocally();
    this.refreshModified();
    this.render();
    this.onEdit();
  }

  /** Format checks; fills localErrors. */
  validateLocally() {
    this.localErrors = {};
    for (const id of FIELDS) {
      const { error } = parseField(id, this.inputs[id].value);
      if (error) this.localErrors[id] = error;
    }
  }

  get locallyValid() {
    return this.hasPresets && Object.keys(this.localErrors).length === 0;
  }

  /** The configuration in the form (the preset's, with the fields' values), or null when a field
   *  does not parse. @returns {TrainConfig | null} */
  read() {
    const preset = this.presets[this.presetName];
    if (!this.locallyValid || !preset) return null;
    /** @type {TrainConfig} */
    const config = { ...preset, preset: this.runName };
    for (const id of FIELDS) {
      if (preset[id] !== undefined || this.inputs[id].value.trim() !== '') {
        config[id] = parseField(id, this.inputs[id].value).value;
      }
    }
    return config;
  }

  /** "mlp", or "mlp (modified)" once a field differs from the preset. */
  get runName() {
    return this.modified ? `${this.presetName} (modified)` : this.presetName;
  }

  get modified() {
    const preset = this.presets[this.presetName];
    if (!preset) return false;
    return FIELDS.some(
      (id) => preset[id] !== undefined && !sameAsPreset(id, this.inputs[id].value, preset[id]),
    );
  }

  refreshModified() {
    const modified = this.modified;
    this.modifiedBadge.hidden = !modified;
    this.restoreButton.hidden = !modified;
    this.restoreButton.setAttribute('aria-label', `Restore the ${this.presetName} preset`);
    this.summary.textContent = this.description;
  }

  /**
   * The core's answer ('check-config') about the form at `version`; shown by the field it names.
   * @param {number} version
   * @param {{ok: boolean, message?: string, setting?: string, description?: string}} answer
   * @returns {boolean} whether it was applied (false: the form changed since)
   */
  applyCheck(version, answer) {
    if (version !== this.version) return false;
    if (answer.ok) {
      this.workerError = null;
    } else {
      const setting = /** @type {keyof typeof FIELD_BY_SETTING} */ (answer.setting ?? '');
      const field = FIELD_BY_SETTING[setting] || '';
      this.workerError = { field, message: answer.message || 'These settings are not valid.' };
    }
    this.description = answer.description ?? '';
    this.summary.textContent = this.description;
    this.render();
    return true;
  }

  render() {
    const errors = { ...this.localErrors };
    let formMessage = '';
    if (this.workerError) {
      const { field, message } = this.workerError;
      if (field && !errors[field]) errors[field] = capitalise(message);
      else if (!field) formMessage = capitalise(message);
    }
    for (const id of ['preset', ...FIELDS]) {
      const input = id === 'preset' ? this.select : this.inputs[id];
      const slot = /** @type {HTMLElement} */ (this.form.querySelector(`#${id}-error`));
      const message = errors[id] || '';
      if (slot.textContent !== message) slot.textContent = message;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (this.formError.textContent !== formMessage) this.formError.textContent = formMessage;
  }

  /** The fields can be edited (not during a run, not before the presets arrive). */
  setEnabled(/** @type {boolean} */ enabled) {
    this.enabled = enabled;
    this.applyEnabled();
  }

  applyEnabled() {
    const on = this.enabled && this.hasPresets;
    this.select.disabled = !on;
    for (const group of this.groups) group.disabled = !on;
    this.restoreButton.disabled = !on;
  }
}
