// What the model panel says a model is and how well it reads
// (web/src/features/model/shared/model-figures.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelFigures } from '../../web/src/features/model/shared/model-figures.js';

const shipped = {
  source: 'pretrained',
  kind: 'convolutional',
  augment: 'affine',
  testAccuracy: 0.9921,
  drawnAccuracy: 0.9812,
  dataset: 'MNIST',
  epochs: 10,
};

test('the shipped model: its kind, its augmentation, its two figures', () => {
  assert.equal(
    modelFigures(shipped),
    "A convolutional network, trained with affine augmentation. It reads 99.21% of MNIST's test images and 98.12% of those digits drawn on the pad as people draw.",
  );
});

test('figures not known are left out, and so is augmentation that was off', () => {
  assert.equal(
    modelFigures({ ...shipped, kind: 'fully connected', augment: 'none', drawnAccuracy: null }),
    "A fully connected network. It reads 99.21% of MNIST's test images.",
  );
  assert.equal(
    modelFigures({ ...shipped, augment: null, testAccuracy: null, drawnAccuracy: null }),
    'A convolutional network.',
  );
});

test('a model of other data does not claim MNIST figures', () => {
  const fashion = modelFigures({ ...shipped, dataset: 'Fashion-MNIST' });
  assert.match(fashion, /99\.21% of its test images\.$/);
  assert.doesNotMatch(fashion, /MNIST's|drawn/);
});

test('no model, no words', () => {
  assert.equal(modelFigures({ ...shipped, source: 'none', kind: '' }), '');
});

test('a run before its first epoch is training, not trained', () => {
  const run = { ...shipped, source: 'trained', epochs: 0, testAccuracy: null, drawnAccuracy: null };
  assert.equal(modelFigures(run), 'A convolutional network, training with affine augmentation.');
});
