// The feature maps' layout and shading (web/src/features/drawing/page/feature-maps.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAP_PX, mapBlock, mapScale, mapsSummary } from '../../web/src/features/drawing/page/feature-maps.js';

test('maps of every size span about the same canvas pixels', () => {
  assert.equal(mapBlock(24), 1);
  assert.equal(mapBlock(12), 2);
  assert.equal(mapBlock(8), 3);
  assert.equal(mapBlock(4), 6);
  assert.equal(mapBlock(28), 1, 'never below one pixel a value');
  assert.equal(mapBlock(0), MAP_PX, 'a degenerate size does not divide by zero');
});

test('a layer is shaded on one scale: 0..max after ReLU, signed when a value is negative', () => {
  assert.deepEqual(mapScale(new Float32Array([0, 2, 0.5, 0])), { signed: false, scale: 2, active: 2 });
  assert.deepEqual(mapScale(new Float32Array([-3, 1, 0])), { signed: true, scale: 3, active: 1 });
  assert.deepEqual(mapScale(new Float32Array([0, 0])), { signed: false, scale: 1, active: 0 }, 'all zero');
  assert.deepEqual(mapScale(new Float32Array([NaN, Infinity, 4])), { signed: false, scale: 4, active: 1 });
});

test('a row of maps is said in words', () => {
  const row = { name: 'conv 5×5 ×6', channels: 6, height: 24, width: 24 };
  assert.equal(mapsSummary(row), 'conv 5×5 ×6: 6 maps of 24 × 24');
  assert.equal(mapsSummary({ ...row, channels: 1 }), 'conv 5×5 ×6: 1 map of 24 × 24');
});
