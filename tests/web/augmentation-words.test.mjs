// What the strip of training images says about the run's augmentation
// (web/src/features/training/page/augmentation-words.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { augmentationWords } from '../../web/src/features/training/page/augmentation-words.js';

test('none, empty and missing settings say the images are shown as they are', () => {
  for (const setting of ['none', '', undefined, null, ' none ']) {
    assert.deepEqual(augmentationWords(setting), {
      name: 'none',
      detail: 'the training images as they are',
    });
  }
});

test('one kind is named with what it does to each image', () => {
  const affine = augmentationWords('affine');
  assert.equal(affine.name, 'affine');
  assert.match(affine.detail, /shifted, turned, scaled and sheared/);
  assert.match(augmentationWords('thickness').detail, /thinner or bolder/);
});

test("kinds joined by commas, in any order or case, are named in the core's order", () => {
  assert.equal(augmentationWords('thickness, Affine').name, 'affine, thickness');
  assert.match(augmentationWords('thickness,affine').detail, /sheared and its strokes/);
});

test('all names the three kinds', () => {
  assert.equal(augmentationWords('all').name, 'affine, elastic, thickness');
});
