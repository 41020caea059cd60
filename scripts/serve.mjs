// A static server for dist/ on 127.0.0.1 (PORT, default 8080): correct MIME types (.wasm as
// application/wasm, the .gz data as opaque bytes the worker decompresses itself), the same
// Content-Security-Policy as the page's <meta>, no directory traversal, and an answer to every
// request, however malformed, without the server going down.
// It serves for development: the pages it sends carry <meta name="nn-service-worker"
// content="off">, so the page registers no service worker (and removes one an earlier opt-in
// left) and every reload shows the files as they are now. --service-worker (or
// NN_SERVICE_WORKER=1) serves the site exactly as a static host would, service worker and all.
//   node scripts/serve.mjs [--dir DIR] [--port N] [--isolate] [--service-worker] [--log-requests]
//   (--isolate adds COOP/COEP; --log-requests prints "GET /path status" per request)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const siteDir = path.resolve(option('--dir', path.join(root, 'dist')));
const port = Number(option('--port', process.env.PORT || 8080));
const host = option('--host', process.env.HOST || '127.0.0.1');
const isolate = args.includes('--isolate');
const serviceWorker = args.includes('--service-worker') || process.env.NN_SERVICE_WORKER === '1';
const logRequests = args.includes('--log-requests');
/** What the development server adds to the pages it serves (see deployment.js in the page). */
const DEV_MARK = '<meta name="nn-service-worker" content="off" />';
/** What the development server answers for the service worker's script: one that, as soon as the
 *  browser installs it, deletes the site's caches and unregisters, and reloads the tabs the old
 *  worker had once it takes over from it. So a worker left from a visit that opted in (which would
 *  serve its cached pages first) has nothing left to serve once the browser has checked sw.js. */
const RETIRING_SERVICE_WORKER = `// Served by scripts/serve.mjs for development: no service worker here.
// The work is done at install, which does not wait for the old worker: Chromium hands over only
// once the old worker has stopped, and a request of an open page that restarts it mid-stop puts
// that off (until it has idled 30 s, by Chromium's source; 5 minutes with DevTools attached).
self.addEventListener('install', (event) => {
  self.skipWaiting();
  // Not awaited: the unregistration waits for this install to end. New pages are then not the
  // old worker's, and a tab it still has finds nothing cached and asks the server. (An old page
  // that registers it again later revives it; the development page removes it as it loads.)
  self.registration.unregister();
  event.waitUntil((async () => {
    const prefix = 'mnist-nn:' + new URL(self.registration.scope).pathname + ':';
    for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
  })());
});
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.gz': 'application/octet-stream',
  '.nnmf': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' blob: data:; connect-src 'self'; worker-src 'self'; object-src 'none'; " +
  "base-uri 'self'; form-action 'none'";

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: PORT must be a port number, got '${option('--port', process.env.PORT)}'`);
  process.exit(2);
}
if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`serve: ${siteDir}/index.html is missing: run npm run build first`);
  process.exit(1);
}

// Longer paths than any file of the site: refused before they reach the file system.
const MAX_PATH_LENGTH = 1024;

function refuse(response, status, text, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}

/** The file a request path names inside siteDir, or a status and reason to refuse it with. */
function resolveRequestPath(url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return { status: 400, reason: 'bad request: the path is not a valid URL' };
  }
  // fs throws synchronously on a NUL byte, which would end the server.
  if (pathname.includes('\0')) return { status: 400, reason: 'bad request: NUL in the path' };
  if (pathname.length > MAX_PATH_LENGTH) return { status: 414, reason: 'the path is too long' };
  let file = path.join(siteDir, pathname);
  if (file !== siteDir && !file.startsWith(siteDir + path.sep)) {
    return { status: 403, reason: 'forbidden' };
  }
  if (pathname.endsWith('/')) file = path.join(file, 'index.html');
  return { file };
}

/** A page, as the development server sends it: marked so that it registers no service worker. */
function devPage(file) {
  const html = fs.readFileSync(file, 'utf8');
  const at = html.search(/<head[^>]*>/i);
  if (at < 0) return Buffer.from(html);
  const end = at + html.slice(at).indexOf('>') + 1;
  return Buffer.from(`${html.slice(0, end)}\n    ${DEV_MARK}${html.slice(end)}`);
}

function serveFile(request, response, file, stat) {
  const extension = path.extname(file);
  if (extension === '.html' && !serviceWorker) {
    serveBytes(request, response, devPage(file), stat, extension);
    return;
  }
  if (path.basename(file) === 'sw.js' && !serviceWorker) {
    serveBytes(request, response, Buffer.from(RETIRING_SERVICE_WORKER), stat, extension);
    return;
  }
  const headers = headersFor(stat, stat.size, extension);
  if (notModified(request, response, headers)) return;
  // Opened before the headers go out, so a file that vanished since the stat gets a status.
  const stream = fs.createReadStream(file);
  stream.once('open', () => {
    response.writeHead(200, headers);
    // A client that hangs up mid-file ends the copy; nothing to report.
    pipeline(stream, response, () => {});
  });
  stream.once('error', () => {
    if (!response.headersSent) refuse(response, 404, 'not found');
  });
}

function headersFor(stat, size, extension) {
  // Revalidation by ETag lets the service worker's first caching reuse what the page fetched.
  const headers = {
    ETag: `W/"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
    'Content-Type': TYPES[extension] || 'application/octet-stream',
    'Content-Length': size,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    // Revalidate everything: the service worker does the offline caching.
    'Cache-Control': 'no-cache',
  };
  if (isolate) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
  }
  return headers;
}

/** Answers a 304 or a HEAD from the headers alone; true when it did. */
function notModified(request, response, headers) {
  if (request.headers['if-none-match'] === headers.ETag) {
    delete headers['Content-Length'];
    response.writeHead(304, headers).end();
    return true;
  }
  if (request.method === 'HEAD') {
    response.writeHead(200, headers).end();
    return true;
  }
  return false;
}

function serveBytes(request, response, bytes, stat, extension) {
  const headers = headersFor(stat, bytes.length, extension);
  if (!notModified(request, response, headers)) response.writeHead(200, headers).end(bytes);
}

function handle(request, response) {
  if (logRequests)
    response.on('finish', () => console.log(`${request.method} ${request.url} ${response.statusCode}`));
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    refuse(response, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const target = resolveRequestPath(request.url);
  if (!target.file) {
    refuse(response, target.status, target.reason);
    return;
  }
  fs.stat(target.file, (error, stat) => {
    try {
      if (error || !stat.isFile()) refuse(response, 404, 'not found');
      else serveFile(request, response, target.file, stat);
    } catch (thrown) {
      answerUnexpected(response, thrown);
    }
  });
}

// The last guard: whatever a request does that the checks above did not foresee, it gets a status
// and the server goes on serving.
function answerUnexpected(response, error) {
  console.error(`serve: ${error?.stack || error}`);
  if (!response.headersSent) refuse(response, 500, 'internal error');
  else response.destroy();
}

const server = http.createServer((request, response) => {
  try {
    handle(request, response);
  } catch (error) {
    answerUnexpected(response, error);
  }
});

server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`serve: port ${port} is in use: stop the other server or set PORT=...`);
  } else {
    console.error(`serve: ${error.message}`);
  }
  process.exit(1);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${path.relative(process.cwd(), siteDir) || '.'} at http://${host}:${actual}/`);
});
