// Issue 5: a strict page. The Content-Security-Policy <meta> allows scripts from the page's
// origin only (no 'unsafe-eval', no 'unsafe-inline'), no violation is reported while the page
// loads, trains and classifies, and no request leaves the page's origin.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DIGITS, drawAndClassify, trainRun } from './support/app.mjs';
import { useSite } from './support/suite.mjs';

const requests = [];
const consoleCsp = [];
const workers = [];
let documentHeaders;

/** Records securitypolicyviolation events inside a worker (the page's listener cannot see them). */
function listenInWorker(worker) {
  workers.push(
    worker
      .evaluate(() => {
        self.__csp = [];
        self.addEventListener('securitypolicyviolation', (event) =>
          self.__csp.push({ directive: event.violatedDirective, sample: event.sample }),
        );
      })
      .then(() => worker),
  );
}

/** The violations every worker of the page recorded. */
async function workerViolations() {
  const all = [];
  for (const worker of await Promise.all(workers)) all.push(...(await worker.evaluate(() => self.__csp)));
  return all;
}

/** Records what the tests below check, from before the page's first request. */
function listen(context) {
  // Every request of the context: the page's, its worker's and its service worker's.
  context.on('request', (request) => requests.push({ url: request.url(), from: 'context' }));
  context.on('page', (p) => {
    p.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) consoleCsp.push(message.text());
    });
    p.on('request', (request) => requests.push({ url: request.url(), from: 'page' }));
    p.on('response', (response) => {
      if (response.request().isNavigationRequest()) documentHeaders = response.headers();
    });
    p.on('worker', (worker) => {
      worker.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text())) consoleCsp.push(message.text());
      });
      listenInWorker(worker);
    });
  });
}

const app = useSite({ openApp: true, beforeOpen: listen });

/** The CSP of the <meta> tag, as {directive: [sources]}. */
async function metaPolicy() {
  const content = await app.page.evaluate(() => {
    const metas = [...document.querySelectorAll('meta[http-equiv]')].filter(
      (m) => m.httpEquiv.toLowerCase() === 'content-security-policy',
    );
    return metas.length === 1 ? metas[0].content : metas.length;
  });
  assert.equal(typeof content, 'string', `one Content-Security-Policy <meta> tag, found ${content}`);
  return parsePolicy(content);
}

function parsePolicy(text) {
  const policy = {};
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy[name.toLowerCase()] = sources;
  }
  return policy;
}

test('the page has a strict CSP <meta>: own-origin scripts, no unsafe-eval or unsafe-inline', async () => {
  const policy = await metaPolicy();
  const scripts = policy['script-src'] || policy['default-src'];
  assert.ok(scripts, `a script-src or default-src: ${JSON.stringify(policy)}`);
  assert.ok(scripts.includes("'self'"), `scripts from the page's origin: ${scripts}`);
  for (const [directive, sources] of Object.entries(policy)) {
    assert.ok(!sources.includes("'unsafe-eval'"), `${directive} allows 'unsafe-eval'`);
    assert.ok(!sources.includes("'unsafe-inline'"), `${directive} allows 'unsafe-inline'`);
    for (const source of sources) {
      assert.ok(
        !/^(https?:|\*|data:$)/.test(source) || directive === 'img-src',
        `${directive} allows another origin or data scripts: ${source}`,
      );
    }
  }
  assert.ok(policy['default-src']?.includes("'self'"), 'default-src limits everything to the origin');
  assert.deepEqual(policy['object-src'], ["'none'"], 'no plugins');
  const wasm = scripts.includes("'wasm-unsafe-eval'");
  assert.ok(wasm, `'wasm-unsafe-eval' is the only eval allowed (for WebAssembly): ${scripts}`);
});

test('index.html has no inline script or inline event handler', () => {
  const html = fs.readFileSync(path.join(app.site.dir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, 'the page loads a script');
  for (const [, attributes, body] of scripts) {
    assert.match(attributes, /\bsrc=/, `every <script> has a src: <script${attributes}>`);
    assert.equal(body.trim(), '', 'no inline script body');
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler attribute');
  assert.doesNotMatch(html, /javascript:/i, 'no javascript: URL');
});

test('training and drawing report no CSP violation', async () => {
  await trainRun(app.page, { epochs: 1 });
  const answer = await drawAndClassify(app.page, DIGITS[7]);
  assert.match(answer.digit, /^[0-9]$/);
  const violations = await app.page.evaluate(() => window.__e2e.csp);
  assert.deepEqual(violations, [], 'securitypolicyviolation events during load, training and drawing');
  assert.equal(workers.length, 1, 'the training worker was watched');
  assert.deepEqual(await workerViolations(), [], 'securitypolicyviolation events in the worker');
  assert.deepEqual(consoleCsp, [], "CSP errors in the console (the page's and the worker's)");
});

test('no request leaves the page origin', async () => {
  const origin = new URL(app.site.url).origin;
  assert.ok(requests.length >= 10, `the requests were recorded: ${requests.length}`);
  const urls = [...new Set(requests.map((r) => r.url))];
  const foreign = urls.filter((url) => {
    if (/^(data|blob):/.test(url)) return false;
    return new URL(url).origin !== origin;
  });
  assert.deepEqual(foreign, [], 'requests to other origins');
  // The MNIST data and the wasm module came from the site itself.
  for (const file of ['wasm/nn.wasm', 'data/train-images-idx3-ubyte.gz', 'vendor/uplot/uPlot.esm.js']) {
    assert.ok(
      urls.some((url) => url === new URL(file, app.site.url).href),
      `${file} was requested from the site: ${urls.join(' ')}`,
    );
  }
});

test('the server sends the same policy as a header', async () => {
  assert.ok(documentHeaders, 'the document response was seen');
  const header = parsePolicy(documentHeaders['content-security-policy'] || '');
  assert.deepEqual(header, await metaPolicy(), 'the header policy equals the <meta> policy');
  assert.equal(documentHeaders['x-content-type-options'], 'nosniff');
});

test('the violation recorder works: an injected inline script is blocked and reported', async () => {
  // A control for the tests above: they pass only if violations would be seen.
  await app.page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
  });
  await app.page.waitForFunction(() => window.__e2e.csp.length > 0, null, { timeout: 5000 });
  assert.equal(
    await app.page.evaluate(() => window.__inlineRan === true),
    false,
    'the inline script did not run',
  );
  const [violation] = await app.page.evaluate(() => window.__e2e.csp);
  assert.match(violation.directive, /script-src/);
});

test("the worker's recorder works too: a request to another origin is refused and reported there", async () => {
  // (Not eval: the debugging protocol that runs this code may eval whatever the policy says.)
  const [worker] = await Promise.all(workers);
  const outcome = await worker.evaluate(() =>
    fetch('http://127.0.0.2:9/').then(
      () => 'fetched',
      () => 'refused',
    ),
  );
  assert.equal(outcome, 'refused');
  await worker.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0))); // the event is queued
  const violations = await workerViolations();
  assert.ok(
    violations.some((v) => /connect-src/.test(v.directive)),
    `the violation was recorded in the worker: ${JSON.stringify(violations)}`,
  );
});
