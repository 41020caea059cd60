// The numbers of one run as the charts draw them (web/src/features/training/page/run-history.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunHistory } from '../../web/src/features/training/page/run-history.js';

test('batch losses fold into at most maxPoints buckets over the whole run', () => {
  const history = new RunHistory({ maxPoints: 10 });
  history.begin(100, 2); // 200 batches: 20 a bucket
  for (let batch = 1; batch <= 100; batch += 1) history.addBatches(1, batch, [1]);
  for (let batch = 1; batch <= 100; batch += 1) history.addBatches(2, batch, [3]);
  assert.equal(history.bucketX.length, 10);
  assert.deepEqual(history.bucketMean, [1, 1, 1, 1, 1, 3, 3, 3, 3, 3]);
  assert.equal(history.bucketX.at(-1), 2, 'the last bucket ends at epoch 2');
});

test('a message with several batches is placed by its last batch', () => {
  const history = new RunHistory({ maxPoints: 1000 });
  history.begin(10, 1);
  history.addBatches(1, 4, [4, 3, 2, 1]); // batches 1..4
  assert.deepEqual(history.bucketX, [0.1, 0.2, 0.3, 0.4]);
  assert.deepEqual(history.bucketMean, [4, 3, 2, 1]);
});

test('the smoothed loss is a bias-corrected moving average: a constant stays that constant', () => {
  const history = new RunHistory();
  history.begin(1000, 1);
  history.addBatches(1, 50, new Array(50).fill(0.7));
  assert.ok(Math.abs(history.smoothed - 0.7) < 1e-12, `smoothed ${history.smoothed}`);
});

test('non-finite losses (a diverging batch) are left out', () => {
  const history = new RunHistory();
  history.begin(10, 1);
  history.addBatches(1, 3, [1, NaN, Infinity]);
  assert.deepEqual(history.bucketMean, [1]);
});

test('epochs merge with the batches on one x axis, with nulls where a series has no point', () => {
  const history = new RunHistory({ maxPoints: 1000 });
  history.begin(2, 2);
  history.addBatches(1, 2, [2, 1]);
  history.addEpoch({ epoch: 1, trainLoss: 1.5, valLoss: 1.2, valAccuracy: 0.9, testAccuracy: 0.88 });
  const [x, raw, , validation] = history.lossData();
  assert.deepEqual(x, [0.5, 1]);
  assert.deepEqual(raw, [2, 1]);
  assert.deepEqual(validation, [null, 1.2], 'the epoch point shares x = 1 with the last bucket');
  assert.deepEqual(history.accuracyData(), [[1], [90], [88], [null]]);
});

test('the final test accuracy wins over the per-epoch ones', () => {
  const history = new RunHistory();
  history.begin(1, 1);
  history.addEpoch({ epoch: 1, trainLoss: 1, valLoss: 1, valAccuracy: 0.9, testAccuracy: 0.8 });
  assert.equal(history.latestTestAccuracy, 0.8);
  history.finish({ testAccuracy: 0.85, testLoss: 0.4 });
  assert.equal(history.latestTestAccuracy, 0.85);
  assert.deepEqual(history.accuracyData()[3], [85]);
});

test('clear forgets the run and tells the charts their per-epoch data changed', () => {
  const history = new RunHistory();
  history.begin(10, 1);
  history.addBatches(1, 1, [1]);
  const epochVersion = history.epochVersion;
  history.clear();
  assert.equal(history.hasPoints, false);
  assert.equal(history.started, false);
  assert.ok(history.epochVersion > epochVersion);
});
