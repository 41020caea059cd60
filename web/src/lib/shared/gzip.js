// The gzip signature, in one place for the page (which peeks at the user's files) and the worker
// (which decompresses them).

/** Whether bytes start like a gzip stream (RFC 1952: 1f 8b). */
export function isGzip(/** @type {Uint8Array} */ bytes) {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
