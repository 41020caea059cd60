// The one rule that names a model (web/src/features/model/shared/model-name.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelName } from '../../web/src/features/model/shared/model-name.js';

const base = { preset: 'mlp', epochs: 3, testAccuracy: 0.97241, dataset: 'MNIST', fileName: null };

test('each source has its own words', () => {
  assert.equal(
    modelName({ ...base, source: 'pretrained' }),
    'pretrained mlp, 3 epochs, 97.24% test accuracy',
  );
  assert.equal(
    modelName({ ...base, source: 'trained' }),
    'trained here: mlp, 3 epochs, 97.24% test accuracy',
  );
  assert.equal(
    modelName({ ...base, source: 'uploaded', fileName: 'mine.nnmf' }),
    'uploaded mine.nnmf, 97.24% test accuracy',
  );
  assert.equal(modelName({ ...base, source: 'none' }), 'no model yet');
});

test('a model from other data says which, so its accuracy is not taken for an MNIST one', () => {
  const fashion = { ...base, dataset: 'Fashion-MNIST', testAccuracy: 0.8495, epochs: 1 };
  assert.equal(
    modelName({ ...fashion, source: 'trained' }),
    'trained here on Fashion-MNIST: mlp, 1 epoch, 84.95% test accuracy',
  );
  assert.match(modelName({ ...fashion, source: 'uploaded', fileName: 'f.nnmf' }), /on Fashion-MNIST/);
});

test('a network that has not finished an epoch is untrained', () => {
  assert.equal(modelName({ ...base, source: 'trained', epochs: 0 }), 'untrained mlp network');
  assert.equal(modelName({ ...base, source: 'trained', epochs: null, preset: null }), 'untrained network');
});

test('a fine-tuned model says on how many of your digits and from which model', () => {
  const tuned = {
    ...base,
    source: 'trained',
    preset: 'fine-tune',
    epochs: 5,
    fineTuned: { digits: 40, base: 'pretrained cnn, 40 epochs, 99.10% test accuracy' },
  };
  assert.equal(
    modelName(tuned),
    'fine-tuned on 40 of your digits from pretrained cnn, 5 epochs, 97.24% test accuracy',
  );
  assert.equal(modelName({ ...tuned, source: 'none' }), 'no model yet');
});
