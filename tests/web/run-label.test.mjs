// Run labels in the comparison's legend (web/src/features/runs/page/run-label.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differences, runLabel } from '../../web/src/features/runs/page/run-label.js';

const seed = {
  preset: 'seed',
  hidden: [30],
  activation: 'sigmoid',
  output: 'sigmoid',
  loss: 'mse',
  init: 'uniform',
  optimizer: 'sgd',
  learningRate: 3,
  momentum: 0.9,
  weightDecay: 0,
  schedule: 'constant',
  batchSize: 10,
  epochs: 10,
  seed: 1,
};

test('a run with the preset settings is named by its preset alone', () => {
  assert.equal(
    runLabel({ ...seed, learningRate: 3 + 1e-12 }, 'seed', seed),
    'seed',
    'rounding is no difference',
  );
});

test('the settings that differ follow, in a fixed order', () => {
  const config = { ...seed, batchSize: 64, epochs: 3, hidden: [128, 64] };
  assert.equal(runLabel(config, 'seed', seed), 'seed · hidden 128,64 · batch 64 · 3 epochs');
  assert.deepEqual(differences({ ...seed, hidden: [] }, seed), ['no hidden layer']);
});

test('momentum counts only for the momentum optimizer', () => {
  assert.deepEqual(differences({ ...seed, momentum: 0.5 }, seed), []);
  assert.deepEqual(differences({ ...seed, optimizer: 'momentum', momentum: 0.5 }, seed), [
    'momentum',
    'momentum 0.5',
  ]);
});

test('another dataset is named; MNIST is not', () => {
  assert.equal(runLabel(seed, 'seed', seed, 'Fashion-MNIST'), 'seed · Fashion-MNIST');
  assert.equal(runLabel(seed, 'seed', seed, 'MNIST'), 'seed');
});

test('without the preset to compare with there are no differences to list', () => {
  assert.equal(runLabel(seed, '', undefined), 'custom');
});

test('a CNN run names a changed layer list and augmentation', () => {
  const cnn = {
    ...seed,
    preset: 'cnn',
    layers: 'conv5x6,pool,conv5x16,pool,fc120,fc84',
    hidden: [],
    augment: 'none',
  };
  assert.equal(runLabel({ ...cnn }, 'cnn', cnn), 'cnn');
  assert.equal(
    runLabel({ ...cnn, layers: 'conv3x8:same,pool,fc64', augment: 'affine' }, 'cnn', cnn),
    'cnn · layers conv3x8:same,pool,fc64 · augment affine',
  );
  assert.deepEqual(differences({ ...cnn, layers: '', hidden: [128] }, cnn), ['no layer list', 'hidden 128']);
  assert.deepEqual(differences({ ...seed, augment: 'none' }, { ...seed, augment: 'affine' }), [
    'no augmentation',
  ]);
});
