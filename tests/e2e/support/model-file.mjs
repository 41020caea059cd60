// Reads a model file's metadata JSON (README, "Model files"), as the tests check what a file says.

/** The metadata of a version 1 or version 2 model file. */
export function modelMetadata(/** @type {Buffer} */ bytes) {
  const version = bytes.readUInt32LE(4);
  // Version 1: L, L + 1 sizes, 4 bytes of kinds; version 2: a shape, L, 16 bytes a layer, 4 more.
  const at = version === 1 ? 12 + 4 * (bytes.readUInt32LE(8) + 1) + 4 : 24 + 16 * bytes.readUInt32LE(20) + 4;
  const length = bytes.readUInt32LE(at);
  return JSON.parse(bytes.subarray(at + 4, at + 4 + length).toString('utf8'));
}
