// Parses an unsigned-byte IDX file (MNIST): big-endian magic (0x803 images, 0x801 labels), the
// dimensions as big-endian uint32, then one byte per value. Sets globalThis.parseIdx (classic
// worker script or side-effect module import).
(function (root) {
  function parseIdx(bytes, magic) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const got = view.getUint32(0);
    if (got !== magic) throw new Error(`IDX magic 0x${got.toString(16)}, expected 0x${magic.toString(16)}`);
    const dims = [];
    for (let i = 0; i < (magic & 0xff); i++) dims.push(view.getUint32(4 + 4 * i));
    const start = 4 + 4 * dims.length;
    const size = dims.reduce((a, b) => a * b, 1);
    if (bytes.length !== start + size) throw new Error(`IDX size ${bytes.length}, expected ${start + size}`);
    return { dims, data: bytes.subarray(start) };
  }
  root.parseIdx = parseIdx;
})(globalThis);
