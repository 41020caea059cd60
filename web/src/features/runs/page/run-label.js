// A run's name in legends: its preset and the settings that differ from that preset, e.g.
// "seed · batch 64" or "mlp · lr 0.01 · 3 epochs". Pure functions, no DOM.

const number = (/** @type {unknown} */ v) => String(+Number(v).toPrecision(6));

/** @typedef {import('../../training/shared/contract.js').TrainConfig} TrainConfig */

/**
 * [field, format] in the order the differences are listed.
 * @type {Array<[string, (value: any, config: Record<string, unknown>) => string]>}
 */
const DIFFERENCES = [
  ['layers', (v) => (v ? `layers ${v}` : 'no layer list')],
  ['hidden', (v) => (v.length ? `hidden ${v.join(',')}` : 'no hidden layer')],
  ['activation', (v) => v],
  ['output', (v) => `${v} output`],
  ['loss', (v) => (v === 'mse' ? 'MSE' : v)],
  ['init', (v) => `${v} init`],
  ['optimizer', (v) => v],
  ['learningRate', (v) => `lr ${number(v)}`],
  ['momentum', (v, config) => (config.optimizer === 'momentum' ? `momentum ${number(v)}` : '')],
  ['weightDecay', (v) => `decay ${number(v)}`],
  ['schedule', (v) => v],
  ['augment', (v) => (v === 'none' ? 'no augmentation' : `augment ${v}`)],
  ['batchSize', (v) => `batch ${v}`],
  ['epochs', (v) => `${v} epoch${v === 1 ? '' : 's'}`],
  ['seed', (v) => `seed ${v}`],
];

function same(/** @type {unknown} */ a, /** @type {unknown} */ b) {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return a === b;
}

/**
 * The settings of `config` that differ from `base`, formatted ("batch 64").
 * @param {Record<string, unknown>} config
 * @param {Record<string, unknown> | undefined} base
 * @returns {string[]}
 */
export function differences(config, base) {
  if (!base) return [];
  return DIFFERENCES.flatMap(([field, format]) => {
    if (config[field] === undefined || same(config[field], base[field])) return [];
    const text = format(config[field], config);
    return text ? [text] : [];
  });
}

/**
 * @param {TrainConfig} config
 * @param {string} preset  the preset the run started from
 * @param {Record<string, unknown> | undefined} presetConfig  that preset's settings
 * @param {string} [dataset]  named unless it is MNIST
 */
export function runLabel(config, preset, presetConfig, dataset = 'MNIST') {
  const parts = [preset || 'custom', ...differences(config, presetConfig)];
  if (dataset && dataset !== 'MNIST') parts.push(dataset);
  return parts.join(' · ');
}
