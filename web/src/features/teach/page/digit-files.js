// Reads the two files of an import (either order, gzip or not) and tells images from labels by
// their IDX header; too large a file is refused before it is read.
import { concatBytes } from '../../../lib/shared/bytes.js';
import { isGzip } from '../../../lib/shared/gzip.js';
import { MAX_DIGITS, SIDE } from '../shared/contract.js';

/** The largest an image file of MAX_DIGITS digits can be, plus its header. */
const MAX_FILE_BYTES = 16 + MAX_DIGITS * SIDE * SIDE;

/** @param {File} file  @returns {Promise<Uint8Array>} */
async function readBytes(file) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(
      `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; at most ${MAX_DIGITS} digits (${(MAX_FILE_BYTES / 1e6).toFixed(1)} MB) can be imported`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  /** @type {Uint8Array[]} */
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new Error(`${file.name} is not a valid gzip file`);
    });
    if (done) break;
    total += value.length;
    if (total > MAX_FILE_BYTES) {
      await reader.cancel();
      throw new Error(`${file.name} holds more than ${MAX_DIGITS} digits once decompressed`);
    }
    parts.push(value);
  }
  return concatBytes(parts);
}

/**
 * @param {File[]} files  the image file and the label file
 * @returns {Promise<{images: Uint8Array, labels: Uint8Array}>}
 */
export async function readDigitFiles(files) {
  if (files.length !== 2) {
    throw new Error(`choose the two files together (images and labels), not ${files.length}`);
  }
  const read = await Promise.all(files.map(readBytes));
  const kind = (/** @type {Uint8Array} */ b) =>
    b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 8 ? b[3] : -1;
  const images = read.find((b) => kind(b) === 3);
  const labels = read.find((b) => kind(b) === 1);
  if (!images || !labels) {
    throw new Error('one must be an IDX image file (idx3) and the other its label file (idx1)');
  }
  return { images, labels };
}
