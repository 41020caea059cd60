// The page's number formatting (web/src/lib/shared/format.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  capitalise,
  duration,
  integer,
  loss,
  megabytes,
  percent,
  sentence,
} from '../../web/src/lib/shared/format.js';

test('percent shows two decimals by default and a dash for what is not a number', () => {
  assert.equal(percent(0.97853), '97.85%');
  assert.equal(percent(1, 0), '100%');
  for (const nothing of [null, undefined, NaN, Infinity]) assert.equal(percent(nothing), '–');
});

test('integer groups thousands the same way on every machine', () => {
  assert.equal(integer(51000), '51,000');
  assert.equal(integer(12345.6), '12,346');
  assert.equal(integer(null), '–');
});

test('loss keeps four significant digits', () => {
  assert.equal(loss(0.0123456), '0.01235');
  assert.equal(loss(2.5), '2.5');
  assert.equal(loss(NaN), '–');
});

test('duration: tenths under ten seconds, then m:ss and h:mm:ss', () => {
  assert.equal(duration(0), '0 s');
  assert.equal(duration(4.24), '4.2 s');
  assert.equal(duration(17), '0:17');
  assert.equal(duration(83), '1:23');
  assert.equal(duration(3723), '1:02:03');
  assert.equal(duration(-1), '–');
  assert.equal(duration(null), '–');
});

test('megabytes are decimal megabytes with one decimal', () => {
  assert.equal(megabytes(3_400_000), '3.4 MB');
  assert.equal(megabytes(undefined), '–');
});

test('sentence capitalises a lower-case start and ends with a full stop, file names keep their case', () => {
  assert.equal(sentence('could not download x'), 'Could not download x.');
  assert.equal(sentence('Already a sentence!'), 'Already a sentence!');
  assert.equal(sentence('train-labels.gz is corrupt'), 'train-labels.gz is corrupt.');
  assert.equal(sentence(''), 'Something went wrong.');
});

test('capitalise leaves an empty string alone', () => {
  assert.equal(capitalise('pretrained'), 'Pretrained');
  assert.equal(capitalise(''), '');
});
