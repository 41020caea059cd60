// Fetches the gzip-compressed MNIST files with progress and decompresses them straight into
// wasm memory, so each file crosses into the module once and no second copy lives in JS.
import { concatBytes } from '../../../lib/shared/bytes.js';
import { isGzip } from '../../../lib/shared/gzip.js';

const MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

/**
 * Fetches every URL, reporting the summed progress; resolves to their bytes, in order. An abort
 * of `signal` stops the downloads (the promise rejects with an AbortError).
 * @param {string[]} urls
 * @param {(loaded: number, total: number) => void} onProgress
 * @param {AbortSignal} [signal]
 * @returns {Promise<Uint8Array[]>}
 */
export async function fetchAll(urls, onProgress, signal) {
  const responses = await Promise.all(
    urls.map(async (url) => {
      let response;
      try {
        response = await fetch(url, { signal });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw new Error(`could not download ${fileName(url)}: ${messageOf(error)}`);
      }
      if (!response.ok) {
        throw new Error(
          `could not download ${fileName(url)}: the server answered ${response.status} ${response.statusText}`,
        );
      }
      return response;
    }),
  );
  const sizes = responses.map((r) => Number(r.headers.get('Content-Length')) || 0);
  const total = sizes.reduce((a, b) => a + b, 0);
  let loaded = 0;
  onProgress(0, total);
  return Promise.all(
    responses.map(async (response, i) => {
      if (!response.body) throw new Error(`${fileName(urls[i])} came without a body`);
      const reader = response.body.getReader();
      /** @type {Uint8Array[]} */
      const chunks = [];
      for (;;) {
        let part;
        try {
          part = await reader.read();
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw new Error(`the download of ${fileName(urls[i])} broke off: ${messageOf(error)}`);
        }
        if (part.done) break;
        chunks.push(part.value);
        loaded += part.value.length;
        onProgress(loaded, Math.max(total, loaded));
      }
      return concatBytes(chunks);
    }),
  );
}

/**
 * Decompresses gzip bytes into a new module.ByteBuffer. The gzip trailer states the original size,
 * so the buffer is allocated once; a stream that disagrees with it is corrupt. Bytes without the
 * gzip signature are taken as already decompressed (a host may have sent Content-Encoding: gzip).
 * @param {import('../../../../../cpp/wasm/nn').NnModule} module
 * @param {Uint8Array} bytes
 * @param {string} name  what to call the file in messages
 * @param {AbortSignal} [signal]
 */
export async function gunzipIntoBuffer(module, bytes, name, signal) {
  if (bytes.length < 18 || !isGzip(bytes)) {
    if (bytes.length > MAX_DECOMPRESSED_BYTES) throw new Error(`${name} is larger than 256 MB`);
    const buffer = new module.ByteBuffer(bytes.length);
    buffer.view().set(bytes);
    return buffer;
  }
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser lacks DecompressionStream (gzip); please update it');
  }
  const tail = bytes.length - 4;
  const expected =
    (bytes[tail] | (bytes[tail + 1] << 8) | (bytes[tail + 2] << 16) | (bytes[tail + 3] << 24)) >>> 0;
  if (expected > MAX_DECOMPRESSED_BYTES) {
    throw new Error(`${name} decompresses to ${(expected / 1e6).toFixed(0)} MB; the limit is 256 MB`);
  }
  const buffer = new module.ByteBuffer(expected);
  let offset = 0;
  try {
    const stream = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'));
    const reader = stream.getReader();
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      if (offset + value.length > expected) throw new Error('it decompresses to more bytes than it declares');
      buffer.view().set(value, offset); // a fresh view: memory growth detaches old ones
      offset += value.length;
    }
    if (offset !== expected) throw new Error(`it decompresses to ${offset} bytes but declares ${expected}`);
  } catch (error) {
    buffer.delete();
    if (signal?.aborted) throw signal.reason;
    throw new Error(`${name} is corrupt: ${messageOf(error)}`);
  }
  return buffer;
}

/** The last part of a URL's path. */
export function fileName(/** @type {string} */ url) {
  return String(url).split('/').pop() ?? '';
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
