// The built site for a test file: a private copy of dist/ (so a concurrent `npm run build`, which
// swaps dist/ out, cannot pull files from under a running test, and a test may corrupt its copy),
// served by scripts/serve.mjs on a free port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dist = path.join(root, 'dist');
const REQUIRED = [
  'index.html',
  'sw.js',
  'src/page/main.js',
  'src/worker/worker.js',
  'wasm/nn.js',
  'wasm/nn.wasm',
  'models/pretrained.nnmf',
  'data/train-images-idx3-ubyte.gz',
  'data/train-labels-idx1-ubyte.gz',
  'data/t10k-images-idx3-ubyte.gz',
  'data/t10k-labels-idx1-ubyte.gz',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Copies dist/ into a new temporary folder; waits out a build that is swapping dist/ in. */
export async function copySite() {
  for (let attempt = 0; ; attempt += 1) {
    const missing = REQUIRED.filter((file) => !fs.existsSync(path.join(dist, file)));
    if (missing.length === 0) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-e2e-site-'));
      try {
        fs.cpSync(dist, dir, { recursive: true });
        const stillMissing = REQUIRED.filter((file) => !fs.existsSync(path.join(dir, file)));
        if (stillMissing.length === 0) return dir;
      } catch {
        // dist/ changed while it was copied: try again.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    if (attempt >= 20) {
      throw new Error(
        `dist/ is missing or incomplete (${missing.join(', ') || 'changed while copied'}): run npm run build first`,
      );
    }
    await sleep(500); // a build may be swapping dist/ in right now
  }
}

/**
 * Serves a folder with scripts/serve.mjs on a free port.
 * @returns {Promise<{url: string, port: number, stop: () => Promise<void>}>}
 */
export async function serve(dir, { port = 0 } = {}) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'serve.mjs'), '--dir', dir, '--port', String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // A test process that ends early (a crash, a cancelled run) takes its server with it.
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no URL in 10 s: ${output}`)), 10000);
    const onData = (chunk) => {
      output += chunk;
      const match = /http:\/\/[\w.:-]+\/\S*/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0].replace(/\/?$/, '/'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited (${code}) before serving: ${output}`));
    });
  });
  let stopped = false;
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      if (stopped || child.exitCode !== null) return;
      stopped = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A copy of the site, served: {dir, url, port, stop(), close()} (close also deletes the copy). */
export async function startSite() {
  const dir = await copySite();
  let server;
  try {
    server = await serve(dir);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    get url() {
      return server.url;
    },
    get port() {
      return server.port;
    },
    stop: () => server.stop(),
    /** Starts the server again on the same port (same origin, so the same service worker). */
    async restart() {
      await server.stop();
      server = await serve(dir, { port: server.port });
    },
    async close() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
