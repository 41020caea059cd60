// The settings form's fields: which there are, how their text parses, and how a value is shown.
// Formats are checked here (numbers parse, whole numbers where needed); ranges and names are the
// core's to judge. Pure functions, no DOM.

/** Field ids (also TrainConfig keys) by the core's `setting` key. */
export const FIELD_BY_SETTING = Object.freeze({
  preset: 'preset',
  hidden: 'hidden',
  layers: 'layers',
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
  augment: 'augment',
});

export const SELECTS = Object.freeze(['activation', 'output', 'loss', 'init', 'optimizer', 'schedule']);
const DECIMALS = ['learningRate', 'momentum', 'weightDecay'];
const INTEGERS = ['batchSize', 'epochs', 'seed'];
/** Text the core parses itself (the layer list, the augmentation kinds): only trimmed here, so
 *  there is one grammar, cpp/nn/layer_string.h's and data/augment.h's, and one set of messages. */
const CORE_TEXTS = ['layers', 'augment'];
/** Every field the form shows, besides the preset. */
export const FIELDS = Object.freeze(['layers', 'hidden', ...SELECTS, ...DECIMALS, ...INTEGERS, 'augment']);

const DECIMAL_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER_PATTERN = /^[+-]?\d+$/;

/**
 * Parses the text of a field.
 * @param {string} id
 * @param {string} text
 * @returns {{value: unknown, error?: undefined} | {error: string, value?: undefined}}
 */
export function parseField(id, text) {
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
  if (CORE_TEXTS.includes(id)) {
    const compact = trimmed.replace(/\s+/g, '');
    return { value: id === 'augment' && compact === '' ? 'none' : compact };
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
export function fieldText(/** @type {string} */ id, /** @type {unknown} */ value) {
  if (id === 'hidden') return Array.isArray(value) ? value.join(',') : String(value ?? '');
  if (DECIMALS.includes(id)) return String(Number(Number(value).toPrecision(7)));
  return String(value);
}

/** Whether a field's text means the preset's value (so the form is not "modified"). */
export function sameAsPreset(
  /** @type {string} */ id,
  /** @type {string} */ text,
  /** @type {unknown} */ presetValue,
) {
  const parsed = parseField(id, text);
  if (parsed.error !== undefined) return false;
  return (
    JSON.stringify(parsed.value) === JSON.stringify(presetValue) ||
    fieldText(id, parsed.value) === fieldText(id, presetValue)
  );
}

/** Settings another panel sets for its own runs: Teach it's choice to freeze the convolutions. */
const OWNED_ELSEWHERE = Object.freeze(['freezeConvolutions']);

/**
 * The fields a preset carries that this form does not show (a setting a newer core adds, say):
 * they are sent as the preset has them, and shown as a note.
 * @param {Record<string, unknown>} preset
 * @returns {string[]}
 */
export function otherFields(preset) {
  return Object.keys(preset).filter(
    (key) => key !== 'preset' && !FIELDS.includes(key) && !OWNED_ELSEWHERE.includes(key),
  );
}
