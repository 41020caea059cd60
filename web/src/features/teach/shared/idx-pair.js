// Your digits as a pair of IDX files (MNIST's format: big-endian header, then bytes), both ways.
// Pure: the page exports and imports with it, the tests check it, and the native trainer and the
// page's own-data loader read what it writes. Decoding refuses anything malformed with a reason.
import { CLASSES, MAX_DIGITS, SIDE } from './contract.js';

const IMAGES_MAGIC = 0x00000803; // unsigned bytes, 3 dimensions
const LABELS_MAGIC = 0x00000801; // unsigned bytes, 1 dimension

/** @param {Uint8Array[]} images  each SIDE x SIDE */
export function encodeImages(images) {
  const pixels = SIDE * SIDE;
  const bytes = new Uint8Array(16 + images.length * pixels);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, IMAGES_MAGIC);
  view.setUint32(4, images.length);
  view.setUint32(8, SIDE);
  view.setUint32(12, SIDE);
  images.forEach((image, i) => {
    if (image.length !== pixels) throw new Error(`image ${i} has ${image.length} pixels, not ${pixels}`);
    bytes.set(image, 16 + i * pixels);
  });
  return bytes;
}

/** @param {ArrayLike<number>} labels */
export function encodeLabels(labels) {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, LABELS_MAGIC);
  view.setUint32(4, labels.length);
  bytes.set(Array.from(labels), 8);
  return bytes;
}

/**
 * The digits in an IDX image file and its label file (uncompressed), or an Error saying why not:
 * the wrong magic, a size other than 28 x 28, counts that differ or disagree with the length, more
 * than MAX_DIGITS, a label that is not a digit.
 * @param {Uint8Array} images
 * @param {Uint8Array} labels
 * @returns {{images: Uint8Array[], labels: number[]}}
 */
export function decodePair(images, labels) {
  if (images.length < 16) throw new Error('the image file is too short to be an IDX file');
  if (labels.length < 8) throw new Error('the label file is too short to be an IDX file');
  const iv = new DataView(images.buffer, images.byteOffset, images.byteLength);
  const lv = new DataView(labels.buffer, labels.byteOffset, labels.byteLength);
  if (iv.getUint32(0) !== IMAGES_MAGIC) {
    throw new Error('the image file is not an IDX image file (its first bytes are not 00 00 08 03)');
  }
  if (lv.getUint32(0) !== LABELS_MAGIC) {
    throw new Error('the label file is not an IDX label file (its first bytes are not 00 00 08 01)');
  }
  const count = iv.getUint32(4);
  const rows = iv.getUint32(8);
  const cols = iv.getUint32(12);
  if (rows !== SIDE || cols !== SIDE) throw new Error(`the images are ${rows} x ${cols}; digits are 28 x 28`);
  if (count > MAX_DIGITS)
    throw new Error(`the files hold ${count} digits; at most ${MAX_DIGITS} can be kept`);
  if (lv.getUint32(4) !== count) {
    throw new Error(`the image file holds ${count} images but the label file ${lv.getUint32(4)} labels`);
  }
  const pixels = SIDE * SIDE;
  if (images.length !== 16 + count * pixels) {
    throw new Error(
      `the image file should be ${16 + count * pixels} bytes for ${count} images, not ${images.length}`,
    );
  }
  if (labels.length !== 8 + count) {
    throw new Error(`the label file should be ${8 + count} bytes for ${count} labels, not ${labels.length}`);
  }
  const decoded = { images: /** @type {Uint8Array[]} */ ([]), labels: /** @type {number[]} */ ([]) };
  for (let i = 0; i < count; i += 1) {
    const label = labels[8 + i];
    if (label >= CLASSES) throw new Error(`label ${label} at position ${i} is not a digit 0-9`);
    decoded.labels.push(label);
    decoded.images.push(images.slice(16 + i * pixels, 16 + (i + 1) * pixels));
  }
  return decoded;
}
