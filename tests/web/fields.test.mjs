// The settings form's field parsing (web/src/features/training/page/fields.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FIELD_BY_SETTING,
  FIELDS,
  fieldText,
  otherFields,
  parseField,
  sameAsPreset,
} from '../../web/src/features/training/page/fields.js';

test('hidden layers: comma- or space-separated whole numbers, or empty for none', () => {
  assert.deepEqual(parseField('hidden', '128'), { value: [128] });
  assert.deepEqual(parseField('hidden', ' 128, 64 '), { value: [128, 64] });
  assert.deepEqual(parseField('hidden', '128 64'), { value: [128, 64] });
  assert.deepEqual(parseField('hidden', ''), { value: [] });
  for (const bad of ['abc', '128,', '1.5', '-3', '128;64']) {
    assert.match(parseField('hidden', bad).error ?? '', /whole numbers/, `'${bad}' is refused`);
  }
});

test('decimals accept plain and exponent notation, and refuse what is not a finite number', () => {
  assert.deepEqual(parseField('learningRate', '0.002'), { value: 0.002 });
  assert.deepEqual(parseField('learningRate', '.5'), { value: 0.5 });
  assert.deepEqual(parseField('learningRate', '1e-3'), { value: 0.001 });
  assert.deepEqual(parseField('weightDecay', '+0'), { value: 0 });
  for (const bad of ['fast', '', '1,5', '0x10']) assert.ok(parseField('learningRate', bad).error, `'${bad}'`);
  assert.match(parseField('momentum', '1e999').error ?? '', /finite/);
});

test('integers refuse fractions and numbers past 2^53', () => {
  assert.deepEqual(parseField('batchSize', '64'), { value: 64 });
  assert.deepEqual(parseField('seed', '-1'), { value: -1 }); // the core judges the range
  assert.match(parseField('epochs', '1.5').error ?? '', /whole number/);
  assert.match(parseField('seed', '99999999999999999999').error ?? '', /too large/);
});

test('selects pass their value through', () => {
  assert.deepEqual(parseField('activation', 'relu'), { value: 'relu' });
});

test('values show as the field would show them, and equal text means the preset value', () => {
  assert.equal(fieldText('hidden', [128, 64]), '128,64');
  assert.equal(fieldText('learningRate', 0.0020000000949949026), '0.002'); // a float from the core
  assert.equal(sameAsPreset('learningRate', '0.002', 0.0020000000949949026), true);
  assert.equal(sameAsPreset('hidden', '128', [128]), true);
  assert.equal(sameAsPreset('hidden', '128,64', [128]), false);
  assert.equal(sameAsPreset('batchSize', 'x', 64), false);
});

test("a preset's settings the form does not show are listed, so they can be kept", () => {
  const newer = { preset: 'cnn', layers: 'conv5x6,pool,fc120', hidden: [], dropout: 0.5, epochs: 3 };
  assert.deepEqual(otherFields(newer), ['dropout']);
  assert.deepEqual(otherFields({ preset: 'mlp', hidden: [128], epochs: 10, augment: 'affine' }), []);
  // Teach it's own setting, which every configuration from the core carries, is not the form's.
  assert.deepEqual(otherFields({ preset: 'cnn', layers: 'conv5x6', freezeConvolutions: false }), []);
});

test('the layer list and the augmentation are fields, their text left to the core to judge', () => {
  assert.ok(FIELDS.includes('layers') && FIELDS.includes('augment'));
  assert.equal(FIELD_BY_SETTING.layers, 'layers', "the core's complaint about layers shows there");
  assert.equal(FIELD_BY_SETTING.augment, 'augment');
  assert.deepEqual(parseField('layers', ' conv5x6, pool ,fc120 '), { value: 'conv5x6,pool,fc120' });
  assert.deepEqual(parseField('layers', ''), { value: '' }, 'empty: dense layers only');
  assert.deepEqual(parseField('layers', 'conv99x0'), { value: 'conv99x0' }, 'ranges are the core’s');
  assert.deepEqual(parseField('augment', 'affine, thickness'), { value: 'affine,thickness' });
  assert.deepEqual(parseField('augment', '  '), { value: 'none' }, 'empty means no augmentation');
  assert.equal(fieldText('layers', 'conv5x6,pool'), 'conv5x6,pool');
  assert.equal(sameAsPreset('layers', 'conv5x6, pool', 'conv5x6,pool'), true);
  assert.equal(sameAsPreset('augment', '', 'none'), true);
  assert.equal(sameAsPreset('augment', 'all', 'affine'), false);
});
