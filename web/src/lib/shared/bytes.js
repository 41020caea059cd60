// Joins the chunks a stream reader hands out into one byte array, for the page (a user's file
// decompressed) and the worker (a download).

/**
 * The chunks' bytes, in order, in one array. A single chunk is returned as it is, not copied.
 * @param {Uint8Array[]} chunks
 * @returns {Uint8Array}
 */
export function concatBytes(chunks) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
