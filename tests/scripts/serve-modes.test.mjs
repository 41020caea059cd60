// scripts/serve.mjs serves for development by default (its pages say so, and its service worker
// retires itself) and, with --service-worker, exactly as a static host would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>site</title></head><body></body></html>';
const WORKER = "self.addEventListener('fetch', () => {}); // the site's own";

let site;
const servers = [];

/** Starts serve.mjs on a free port; resolves to its URL. */
function start(args) {
  const child = spawn(process.execPath, ['scripts/serve.mjs', '--dir', site, '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

before(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-modes-'));
  fs.writeFileSync(path.join(site, 'index.html'), PAGE);
  fs.writeFileSync(path.join(site, 'sw.js'), WORKER);
});

after(() => {
  for (const child of servers) child.kill();
  fs.rmSync(site, { recursive: true, force: true });
});

test('for development, pages are marked so that they register no service worker', async () => {
  const url = await start([]);
  const html = await (await fetch(url)).text();
  assert.match(
    html,
    /<head><meta name="nn-service-worker" content="off" \/>|<head>\s*<meta name="nn-service-worker" content="off" \/>/,
  );
  assert.ok(html.includes('<title>site</title>'), 'the rest of the page is as it was');
  const response = await fetch(`${url}index.html`);
  assert.equal(Number(response.headers.get('content-length')), (await response.text()).length);
});

test("for development, the service worker's script is one that removes itself", async () => {
  const url = await start([]);
  const script = await (await fetch(`${url}sw.js`)).text();
  assert.doesNotMatch(script, /the site's own/);
  assert.match(script, /registration\.unregister\(\)/);
});

test('with --service-worker, the site is served as it is', async () => {
  const url = await start(['--service-worker']);
  assert.equal(await (await fetch(url)).text(), PAGE);
  assert.equal(await (await fetch(`${url}sw.js`)).text(), WORKER);
});
