// The settings form: the preset select (filled from the worker's PRESETS, the core being the one
// place presets are defined), every setting of the chosen preset, and the messages beside the
// fields. Formats are checked here (numbers parse, whole numbers where needed); ranges and names
// are the core's to judge (CHECK_CONFIG), and its messages are shown by the field they name.
import { capitalise } from './format.js';

/** Field ids (also TrainConfig keys) by the core's `setting` key. */
const FIELD_BY_SETTING = Object.freeze({
  preset: 'preset',
  hidden: 'hidden',
  activation: 'activation',
  output: 'output',
  loss: 'loss',
  init: 'init',
  optimizer: 'optimizer',
  learning_rate: 'learningRate',
  momentum: 'momentum',
  weight_decay: 'weightDecay',
  schedule: 'schedule',
  batch_size: 'batchSize',
  epochs: 'epochs',
  seed: 'seed',
});

const SELECTS = ['activation', 'output', 'loss', 'init', 'optimizer', 'schedule'];
const DECIMALS = ['learningRate', 'momentum', 'weightDecay'];
const INTEGERS = ['batchSize', 'epochs', 'seed'];
const FIELDS = ['hidden', ...SELECTS, ...DECIMALS, ...INTEGERS];

/** What each preset is, for the select; presets the page does not know show their name only. */
const PRESET_TITLES = {
  seed: 'seed · the tutorial',
  'seed-ce': 'seed-ce · + cross-entropy',
  mlp: 'mlp · ReLU + Adam',
};
const DEFAULT_PRESET = 'mlp';

const DECIMAL_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER_PATTERN = /^[+-]?\d+$/;

/** A short line describing a configuration: "784-128-10 relu → softmax, cross-entropy, adam…". */
export function describeConfig(config) {
  const shape = ['784', ...config.hidden.map(String), '10'].join('-');
  const hidden = config.hidden.length ? `${config.activation} → ` : '';
  const schedule = config.schedule === 'cosine' ? ' cosine' : '';
  return `${shape} · ${hidden}${config.output} · ${config.loss} · ${config.optimizer} lr ${+Number(config.learningRate).toPrecision(6)}${schedule} · batch ${config.batchSize} · ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}`;
}

/** Parses the text of a field; returns {value} or {error}. */
function parseField(id, text) {
  const trimmed = text.trim();
  if (id === 'hidden') {
    if (trimmed === '') return { value: [] };
    const parts = trimmed.split(/\s*[,\s]\s*/);
    if (!parts.every((part) => /^\d+$/.test(part))) {
      return {
        error: 'Layer sizes are whole numbers separated by commas, e.g. 128 or 128,64 (empty for none).',
      };
    }
    return { value: parts.map(Number) };
  }
  if (DECIMALS.includes(id)) {
    if (!DECIMAL_PATTERN.test(trimmed)) return { error: 'Enter a number, e.g. 0.01.' };
    const value = Number(trimmed);
    return Number.isFinite(value) ? { value } : { error: 'Enter a finite number.' };
  }
  if (INTEGERS.includes(id)) {
    if (!INTEGER_PATTERN.test(trimmed)) return { error: 'Enter a whole number.' };
    const value = Number(trimmed);
    return Number.isSafeInteger(value) ? { value } : { error: 'That number is too large.' };
  }
  return { value: text };
}

/** The text a field shows for a configuration value. */
function fieldText(id, value) {
  if (id === 'hidden') return value.join(',');
  if (DECIMALS.includes(id)) return String(Number(Number(value).toPrecision(7)));
  return String(value);
}

export class SettingsForm {
  /**
   * @param {HTMLFormElement} form
   * @param {{onEdit: () => void}} callbacks  called after every edit (to re-check the config)
   */
  constructor(form, { onEdit }) {
    this.form = form;
    this.onEdit = onEdit;
    this.presets = {};
    this.presetName = '';
    /** Raised by every edit, so an answer about an older form can be recognised. */
    this.version = 0;
    this.enabled = false;
    this.select = form.querySelector('#preset');
    this.modifiedBadge = form.querySelector('#preset-modified');
    this.restoreButton = form.querySelector('#preset-restore');
    this.summary = form.querySelector('#preset-summary');
    this.formError = form.querySelector('#form-error');
    this.groups = [...form.querySelectorAll('fieldset')];
    this.inputs = Object.fromEntries(FIELDS.map((id) => [id, form.querySelector(`#${id}`)]));
    /** Messages shown, by field id ('preset' included); '' = none. */
    this.localErrors = {};
    this.workerError = null; // {field, message}

    this.select.addEventListener('change', () => this.choosePreset(this.select.value));
    this.restoreButton.addEventListener('click', () => this.choosePreset(this.presetName));
    for (const id of FIELDS) {
      const input = this.inputs[id];
      input.addEventListener(SELECTS.includes(id) ? 'change' : 'input', () => this.edited());
    }
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  get hasPresets() {
    return Object.keys(this.presets).length > 0;
  }

  /** The PRESETS message. Keeps the user's choice and edits when the presets arrive again (a
   *  restarted worker); otherwise shows the default preset. */
  setPresets(presets) {
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

  choosePreset(name) {
    const config = this.presets[name];
    if (!config) return;
    this.presetName = name;
    this.select.value = name;
    for (const id of FIELDS) {
      if (config[id] !== undefined) this.inputs[id].value = fieldText(id, config[id]);
    }
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

  /** The configuration in the form, or null when a field does not parse. */
  read() {
    if (!this.locallyValid) return null;
    const config = { preset: this.runName };
    for (const id of FIELDS) config[id] = parseField(id, this.inputs[id].value).value;
    return config;
  }

  /** "mlp", or "mlp (modified)" once a field differs from the preset. */
  get runName() {
    return this.modified ? `${this.presetName} (modified)` : this.presetName;
  }

  get modified() {
    const preset = this.presets[this.presetName];
    if (!preset) return false;
    return FIELDS.some((id) => {
      const parsed = parseField(id, this.inputs[id].value);
      if (parsed.error) return true;
      return (
        JSON.stringify(parsed.value) !== JSON.stringify(preset[id]) &&
        fieldText(id, parsed.value) !== fieldText(id, preset[id])
      );
    });
  }

  refreshModified() {
    const preset = this.presets[this.presetName];
    const modified = this.modified;
    this.modifiedBadge.hidden = !modified;
    this.restoreButton.hidden = !modified;
    this.restoreButton.setAttribute('aria-label', `Restore the ${this.presetName} preset`);
    const config = this.read();
    this.summary.textContent = config ? describeConfig(config) : preset ? describeConfig(preset) : '';
  }

  /**
   * The core's answer (CONFIG_CHECKED) about the form at `version`. Shown by the field it names.
   * @returns {boolean} whether it was applied (false: the form changed since)
   */
  applyCheck(version, answer) {
    if (version !== this.version) return false;
    if (answer.ok) {
      this.workerError = null;
    } else {
      const field = FIELD_BY_SETTING[answer.setting] || '';
      this.workerError = { field, message: answer.message || 'These settings are not valid.' };
    }
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
      const slot = this.form.querySelector(`#${id}-error`);
      const message = errors[id] || '';
      if (slot.textContent !== message) slot.textContent = message;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (this.formError.textContent !== formMessage) this.formError.textContent = formMessage;
  }

  /** The fields can be edited (not during a run, not before the presets arrive). */
  setEnabled(enabled) {
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
