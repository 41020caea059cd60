// scripts/serve.mjs (what `npm start` runs) under hostile requests: each gets a status, nothing
// outside the site is served, and the server still serves the page afterwards.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE = '<!doctype html><title>site</title>';
const SECRET = 'outside the site';

let server;
let port;
let site;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  site = path.join(dir, 'site');
  fs.mkdirSync(path.join(site, 'data'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), PAGE);
  fs.writeFileSync(path.join(site, 'data', 'big.bin'), Buffer.alloc(8 << 20, 7));
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET); // beside the site, one level up
  server = spawn(process.execPath, ['scripts/serve.mjs', '--dir', site, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  port = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (match) resolve(Number(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
});

after(() => {
  server?.kill();
  if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

/** Sends raw bytes and resolves with the status code and body of the answer. */
function raw(bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(10000, () => socket.destroy(new Error('no answer in 10 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    const answer = () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const match = text.match(/^HTTP\/1\.1 (\d{3})/);
      return { status: match ? Number(match[1]) : null, text };
    };
    // A server that answers and hangs up while the request is still being sent resets the
    // connection: the answer it sent counts.
    socket.on('error', (error) => (chunks.length ? resolve(answer()) : reject(error)));
    socket.on('close', () => resolve(answer()));
    socket.write(bytes); // not end(): a half-closed socket may be closed before the answer
  });
}

const get = (target, method = 'GET') =>
  raw(`${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);

async function serverStillServesThePage() {
  assert.equal(server.exitCode, null, 'the server process ended');
  const answer = await get('/');
  assert.equal(answer.status, 200);
  assert.ok(answer.text.endsWith(PAGE), 'the page is served');
}

test('a NUL byte in the path gets 400, and the server lives on', async () => {
  for (const target of ['/index.html%00.js', '/%00', '/data/%00/x']) {
    assert.equal((await get(target)).status, 400, target);
  }
  await serverStillServesThePage();
});

test('traversal in every encoding is refused and never reaches a file outside the site', async () => {
  const targets = [
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/data/../../secret.txt',
    '/data/%2e%2e/%2e%2e/secret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/..\\secret.txt',
    '//../secret.txt',
    '/%c0%ae%c0%ae/secret.txt', // overlong UTF-8 dots: not valid UTF-8
  ];
  for (const target of targets) {
    const answer = await get(target);
    assert.ok([400, 403, 404].includes(answer.status), `${target}: ${answer.status}`);
    assert.ok(!answer.text.includes(SECRET), `${target} leaked a file outside the site`);
  }
  await serverStillServesThePage();
});

test('bad percent-encodings and overlong paths get a 4xx status', async () => {
  assert.equal((await get('/%')).status, 400);
  assert.equal((await get('/%zz')).status, 400);
  assert.equal((await get(`/${'a'.repeat(5000)}`)).status, 414);
  // Longer than node's header limit: the HTTP parser answers before the handler runs.
  assert.equal((await get(`/${'a'.repeat(100_000)}`)).status, 431);
  await serverStillServesThePage();
});

test('methods other than GET and HEAD get 405 with Allow', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'BREW']) {
    const answer = await get('/index.html', method);
    assert.ok([400, 405].includes(answer.status), `${method}: ${answer.status}`);
    if (answer.status === 405) assert.match(answer.text, /Allow: GET, HEAD/i);
  }
  const head = await get('/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.ok(!head.text.includes(PAGE), 'HEAD sends no body');
  await serverStillServesThePage();
});

test('malformed request lines and headers get a status', async () => {
  const requests = [
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    'GET http://elsewhere.example/index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    '\x00\x01\x02\xff\r\n\r\n',
  ];
  for (const request of requests) {
    const answer = await raw(request);
    assert.ok(answer.status >= 200 && answer.status < 600, `${JSON.stringify(request)}: no status`);
  }
  await serverStillServesThePage();
});

test('a client that hangs up halfway, in the headers or in a large file, leaves the server running', async () => {
  for (const partial of ['GET /index.html HTTP/1.1\r\nHo', 'GET /data/big.bin HTTP/1.1\r\n\r\n']) {
    await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(partial);
        // Hang up as soon as the server answers anything, or at once for the partial header.
        if (!partial.endsWith('\r\n\r\n')) socket.destroy();
      });
      socket.once('data', () => socket.destroy());
      socket.on('close', resolve);
      socket.on('error', resolve);
    });
  }
  await serverStillServesThePage();
});

test('every file inside the site is still served whole', async () => {
  const answer = await get('/data/big.bin');
  assert.equal(answer.status, 200);
  assert.match(answer.text, /Content-Length: 8388608/i);
  assert.equal((await get('/missing.js')).status, 404);
  assert.equal((await get('/data')).status, 404); // a folder is not a file
  await serverStillServesThePage();
});
