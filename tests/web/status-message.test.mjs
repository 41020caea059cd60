// The status strip's sentence (web/src/features/training/page/status-message.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusMessage } from '../../web/src/features/training/page/status-message.js';

const facts = {
  state: 'ready',
  error: '',
  needsRestart: false,
  notice: '',
  starting: false,
  runName: '',
  download: null,
  data: { name: 'MNIST', train: 51000, validation: 9000, test: 10000 },
  finalTestAccuracy: null,
};

test('ready names the data it loaded', () => {
  assert.equal(
    statusMessage(facts),
    'Ready: 51,000 training, 9,000 validation and 10,000 test digits loaded. Press Start.',
  );
  const fashion = { ...facts, data: { ...facts.data, name: 'Fashion-MNIST' } };
  assert.match(statusMessage(fashion), /test Fashion-MNIST images loaded/);
});

test('loading says what it is waiting for', () => {
  const loading = { ...facts, state: 'loading', data: null };
  assert.match(statusMessage(loading), /Loading the network/);
  assert.match(statusMessage({ ...loading, download: { loaded: 1, total: 10 } }), /Downloading/);
  assert.match(statusMessage({ ...loading, download: { loaded: 10, total: 10 } }), /Unpacking/);
});

test('a refusal shows until the state changes, but never hides an error', () => {
  assert.equal(
    statusMessage({ ...facts, notice: 'the data is still loading' }),
    'The data is still loading.',
  );
  const diverged = { ...facts, state: 'error', error: 'training diverged at epoch 2', notice: 'x' };
  assert.equal(statusMessage(diverged), 'Training diverged at epoch 2.');
});

test('an error that needs a new worker says Retry loads everything again', () => {
  assert.equal(
    statusMessage({
      ...facts,
      state: 'error',
      error: 'the worker stopped: Aborted(OOM)',
      needsRestart: true,
    }),
    'The worker stopped: Aborted(OOM). Retry loads everything again.',
  );
});

test('done gives the final accuracy on the test set', () => {
  assert.equal(
    statusMessage({ ...facts, state: 'done', finalTestAccuracy: 0.9802 }),
    'Finished: 98.02% of the 10,000 test digits, never seen in training, read correctly.',
  );
  assert.equal(statusMessage({ ...facts, state: 'done', starting: true }), 'Starting…');
});
