// The shipped model is trained again exactly when what it is made from changes
// (scripts/lib/pretrained-stamp.mjs): its arguments, the trainer's bytes, the data.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pretrainedStamp, retrainReason, stampFileOf } from '../../scripts/lib/pretrained-stamp.mjs';

function scratch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pretrained-stamp-'));
  const file = (name, text) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const inputs = {
    args: ['--preset', 'cnn', '--epochs', '10'],
    trainer: file('mnist-train', 'trainer v1'),
    dataFiles: [file('images', 'pixels'), file('labels', 'labels')],
  };
  const model = file('pretrained.nnmf', 'model');
  fs.writeFileSync(stampFileOf(model), pretrainedStamp(inputs));
  return { dir, file, inputs, model };
}

test('a model made from the same inputs is kept, even when the trainer was relinked to the same bytes', () => {
  const { inputs, model } = scratch();
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(inputs.trainer, later, later);
  assert.equal(retrainReason(model, stampFileOf(model), pretrainedStamp(inputs)), '');
});

test('other arguments, another trainer or other data train it again, and say which', () => {
  const { inputs, model, file } = scratch();
  const stampFile = stampFileOf(model);
  const moreEpochs = { ...inputs, args: ['--preset', 'cnn', '--epochs', '15'] };
  assert.equal(retrainReason(model, stampFile, pretrainedStamp(moreEpochs)), 'its args changed');
  file('mnist-train', 'trainer v2');
  assert.equal(retrainReason(model, stampFile, pretrainedStamp(inputs)), 'its trainer changed');
  file('mnist-train', 'trainer v1');
  file('labels', 'other labels');
  assert.equal(retrainReason(model, stampFile, pretrainedStamp(inputs)), 'its data changed');
});

test('a missing model or stamp (an interrupted training) trains it again', () => {
  const { inputs, model } = scratch();
  const stamp = pretrainedStamp(inputs);
  fs.rmSync(stampFileOf(model));
  assert.equal(retrainReason(model, stampFileOf(model), stamp), 'no record of its inputs');
  fs.rmSync(model);
  assert.equal(retrainReason(model, stampFileOf(model), stamp), 'no model yet');
});
