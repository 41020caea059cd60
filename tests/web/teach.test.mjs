// Your digits as an IDX pair and the teach feature's rules (web/src/features/teach/shared): what
// the export writes, the import refuses, and what fine-tuning says it still needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectFile } from '../../web/src/features/dataset/page/idx-files.js';
import {
  countPerClass,
  describeMissing,
  EXPORT_NAMES,
  MAX_DIGITS,
  nextToCollect,
} from '../../web/src/features/teach/shared/contract.js';
import { decodePair, encodeImages, encodeLabels } from '../../web/src/features/teach/shared/idx-pair.js';

const image = (value) => new Uint8Array(784).fill(value);

test('an exported pair decodes to the same digits, in order', () => {
  const images = [image(1), image(2), image(3)];
  const labels = [7, 0, 9];
  const decoded = decodePair(encodeImages(images), encodeLabels(labels));
  assert.deepEqual(decoded.labels, labels);
  assert.deepEqual(
    decoded.images.map((i) => i[0]),
    [1, 2, 3],
  );
  assert.equal(decoded.images[2].length, 784);
});

test("the page's own-data loader reads the exported files as IDX images and labels", async () => {
  const images = new File([encodeImages([image(5), image(6)])], EXPORT_NAMES.images);
  const labels = new File([encodeLabels([4, 2])], EXPORT_NAMES.labels);
  const seenImages = await inspectFile(images);
  const seenLabels = await inspectFile(labels);
  assert.equal(seenImages.kind, 'images');
  assert.equal(seenImages.count, 2);
  assert.equal(seenImages.rows, 28);
  assert.equal(seenLabels.kind, 'labels');
  assert.equal(seenLabels.count, 2);
});

test('a malformed pair is refused with the reason', () => {
  const images = encodeImages([image(1), image(2)]);
  const labels = encodeLabels([1, 2]);
  assert.throws(() => decodePair(encodeLabels(new Array(20).fill(1)), labels), /not an IDX image file/);
  assert.throws(() => decodePair(images, images), /not an IDX label file/);
  assert.throws(() => decodePair(images, encodeLabels([1])), /holds 2 images but the label file 1/);
  assert.throws(() => decodePair(images.slice(0, 100), labels), /should be 1584 bytes/);
  assert.throws(() => decodePair(images, encodeLabels([1, 10])), /label 10 at position 1 is not a digit/);
  assert.throws(() => decodePair(new Uint8Array(3), labels), /too short/);
  const wide = images.slice();
  new DataView(wide.buffer).setUint32(12, 29);
  assert.throws(() => decodePair(wide, labels), /28 x 29/);
});

test('more digits than can be kept are refused before anything is copied', () => {
  const header = new Uint8Array(16);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x803);
  view.setUint32(4, MAX_DIGITS + 1);
  view.setUint32(8, 28);
  view.setUint32(12, 28);
  const labels = new Uint8Array(8);
  new DataView(labels.buffer).setUint32(0, 0x801);
  new DataView(labels.buffer).setUint32(4, MAX_DIGITS + 1);
  assert.throws(() => decodePair(header, labels), /at most 10000 can be kept/);
});

test('what is missing is said per digit, and collect mode asks for the scarcest', () => {
  const counts = countPerClass([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
  assert.deepEqual(counts, [5, 4, 5, 5, 5, 0, 0, 0, 0, 0]);
  assert.equal(
    describeMissing(counts),
    'draw 1 more 1, 5 more 5s, 5 more 6s, 5 more 7s, 5 more 8s and 5 more 9s',
  );
  assert.equal(describeMissing([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]), '');
  assert.equal(nextToCollect(counts), 5);
  assert.equal(nextToCollect([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), 0);
});
