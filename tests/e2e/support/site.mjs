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
  'src/main.js',
  'src/worker.js',
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
 * Serves a folder with scripts/serve.mjs on a free port: for development (no service worker)
 * unless `serviceWorker`. Every request it answers is in `requests` ("GET /path 200").
 * @returns {Promise<{url: string, port: number, requests: string[], stop: () => Promise<void>}>}
 */
export async function serve(dir, { port = 0, serviceWorker = false } = {}) {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts', 'serve.mjs'),
      '--dir',
      dir,
      '--port',
      String(port),
      '--log-requests',
      ...(serviceWorker ? ['--service-worker'] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const requests = [];
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
        child.stdout.off('data', onData);
        resolve(match[0].replace(/\/?$/, '/'));
      }
    };
    child.stdout.on('data', onData);
    let pending = '';
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) if (/^[A-Z]+ \//.test(line)) requests.push(line);
    });
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
    requests,
    async stop() {
      if (stopped || child.exitCode !== null) return;
      stopped = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A copy of the site, served: {dir, url, port, requests, stop(), restart(), close()} (close also
 * deletes the copy). `serviceWorker` serves it as a static host would (see serve()).
 */
export async function startSite({ serviceWorker = false } = {}) {
  const dir = await copySite();
  let server;
  try {
    server = await serve(dir, { serviceWorker });
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
    /** What the server answered since it (re)started. */
    get requests() {
      return server.requests;
    },
    stop: () => server.stop(),
    /** Starts the server again on the same port (same origin, so the same service worker), for
     *  development or as a static host (`serviceWorker`, by default as before). */
    async restart({ serviceWorker: asStaticHost = serviceWorker } = {}) {
      await server.stop();
      server = await serve(dir, { port: server.port, serviceWorker: asStaticHost });
    },
    async close() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
