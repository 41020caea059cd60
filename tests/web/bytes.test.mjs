// Joining a stream's byte chunks (web/src/lib/shared/bytes.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concatBytes } from '../../web/src/lib/shared/bytes.js';

test('concatBytes joins chunks of different sizes in order', () => {
  const joined = concatBytes([
    Uint8Array.of(1, 2, 3),
    Uint8Array.of(),
    Uint8Array.of(4),
    Uint8Array.of(5, 6),
  ]);
  assert.deepEqual(Array.from(joined), [1, 2, 3, 4, 5, 6]);
});

test('concatBytes of no chunks is an empty array', () => {
  assert.equal(concatBytes([]).length, 0);
});

test('concatBytes hands a single chunk back without copying it', () => {
  const only = Uint8Array.of(7, 8, 9);
  assert.equal(concatBytes([only]), only);
});

test('concatBytes copies views by their own bytes, not their whole buffer', () => {
  const buffer = Uint8Array.of(0, 1, 2, 3, 4, 5);
  const joined = concatBytes([buffer.subarray(1, 3), buffer.subarray(4)]);
  assert.deepEqual(Array.from(joined), [1, 2, 4, 5]);
});
