// Issue 10: a deployed site updates predictably. Version 1 is cached by its service worker; a
// version 2 is deployed; the open page says a new version is available and keeps running version 1
// until the user reloads into version 2, which downloads none of the unchanged data again and
// still works offline. Two copies of the site at two paths of one origin keep their own caches and
// their own kept model.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { stampSite } from '../../scripts/lib/site-version.mjs';
import { newContext } from './support/browser.mjs';
import { byTestId, openApp, status, trainRun, waitForState } from './support/app.mjs';
import { copySite, root, serve } from './support/site.mjs';
import { useSite } from './support/suite.mjs';

const suite = useSite({ context: {}, serviceWorker: true });
const FOOTER = 'Everything runs on your device';
const V2 = 'Version 2 of the site.';

/** Waits until a service worker controls the page; returns what the page sees of it. */
async function serviceWorkerState(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
    return {
      controller: navigator.serviceWorker.controller?.scriptURL ?? null,
      waiting: Boolean(registration.waiting),
      caches: await caches.keys(),
    };
  });
}

/** Deploys a version 2 into a served copy of the site: another page, a new version stamp. */
function deployVersion2(dir) {
  const page = path.join(dir, 'index.html');
  fs.writeFileSync(page, fs.readFileSync(page, 'utf8').replace(FOOTER, `${V2} ${FOOTER}`));
  fs.copyFileSync(path.join(root, 'web', 'sw.js'), path.join(dir, 'sw.js'));
  fs.copyFileSync(
    path.join(root, 'web', 'src', 'lib', 'shared', 'build.js'),
    path.join(dir, 'src', 'lib', 'shared', 'build.js'),
  );
  return stampSite(dir);
}

const footer = (page) => page.locator('footer').textContent();

describe('an update', () => {
  let page;

  test('version 1: the service worker installs, takes the first page and caches it', async () => {
    page = await openApp(suite.context, suite.site.url);
    const sw = await serviceWorkerState(page);
    assert.equal(sw.controller, new URL('sw.js', suite.site.url).href);
    assert.ok(sw.caches.length >= 2, `a static and a data cache: ${sw.caches}`);
    for (const name of sw.caches)
      assert.ok(name.startsWith('mnist-nn:/:'), `named after the deployment's path: ${name}`);
    assert.equal(await byTestId(page, 'update-available').isVisible(), false, 'no prompt on a first visit');
  });

  test('version 2 deployed: the open page is told, keeps version 1, and downloads no data again', async () => {
    const version = deployVersion2(suite.site.dir);
    const requestsBefore = suite.site.requests.length;
    await page.reload();
    await waitForState(page, 'ready');
    await byTestId(page, 'update-available').waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await byTestId(page, 'update-available').textContent(), /new version/i);
    assert.doesNotMatch(await footer(page), /Version 2/, 'the open page is still version 1');
    const sw = await serviceWorkerState(page);
    assert.equal(sw.waiting, true, 'version 2 waits: it does not take over the open page');
    const downloads = suite.site.requests.slice(requestsBefore);
    assert.ok(
      downloads.some((line) => line.startsWith('GET /sw.js')),
      `the browser checked for a new version: ${downloads}`,
    );
    assert.ok(
      downloads.some((line) => line.includes(`/src/lib/shared/build.js?v=`)),
      `version 2's files were fetched past the HTTP cache: ${downloads.join(', ')}`,
    );
    const data = downloads.filter((line) => /\/data\/|\/models\//.test(line));
    assert.deepEqual(data, [], `the unchanged data came from its cache (version ${version})`);
  });

  test('Reload brings version 2; its caches replaced version 1 and kept the data', async () => {
    const reloaded = page.waitForEvent('framenavigated', { timeout: 60_000 });
    await byTestId(page, 'update-reload').click();
    await reloaded;
    await waitForState(page, 'ready');
    assert.match(await footer(page), /Version 2/, 'the page is version 2');
    const sw = await serviceWorkerState(page);
    assert.equal(sw.waiting, false);
    const statics = sw.caches.filter((name) => name.includes(':static-'));
    assert.equal(statics.length, 1, `version 1's cache is gone: ${sw.caches}`);
    assert.ok(sw.caches.includes('mnist-nn:/:data'), `the data cache stays: ${sw.caches}`);
  });

  test('offline, with the server stopped, version 2 opens and trains', async () => {
    await suite.site.stop();
    await suite.context.setOffline(true);
    try {
      await page.reload();
      assert.equal(await waitForState(page, ['ready', 'error']), 'ready', (await status(page)).message);
      assert.match(await footer(page), /Version 2/);
      await trainRun(page, { epochs: 1 });
    } finally {
      await suite.context.setOffline(false);
    }
  });
});

describe('the development server', () => {
  // Marked todo (it still runs and reports): intermittent on 2026-12-02, the old worker stayed in
  // about one clean-clone run in three, quiet machine or not; not yet understood.
  const todo = 'intermittent: the old service worker is sometimes not retired (under investigation)';
  test('retires a service worker an earlier visit left, and its pages register none', { todo }, async () => {
    const page = await openApp(suite.context, suite.site.url); // the worker of the tests above
    await page.evaluate(() => navigator.serviceWorker.ready);
    await suite.site.restart({ serviceWorker: false }); // the same origin, now for development
    await page.reload(); // the old worker answers from its cache; the browser checks sw.js meanwhile
    // It retires and reloads the page, which comes from the server, marked for development.
    // Bounded by time, not attempts: on a loaded machine the browser's check of sw.js alone can
    // take half a minute.
    let now = null;
    for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
      now = await page
        .evaluate(async () => ({
          registrations: (await navigator.serviceWorker.getRegistrations()).length,
          development: Boolean(document.querySelector('meta[name="nn-service-worker"]')),
          caches: (await caches.keys()).filter((name) => name.startsWith('mnist-nn:/:')),
        }))
        .catch(() => null); // between two pages
      if (now && now.registrations === 0 && now.development && now.caches.length === 0) break;
      await page.waitForTimeout(200);
    }
    assert.deepEqual(now, { registrations: 0, development: true, caches: [] });
    await waitForState(page, 'ready');
    await page.close();
  });
});

describe('two copies of the site at two paths of one origin', () => {
  let parent;
  let server;
  after(async () => {
    await server?.stop();
    if (parent) fs.rmSync(parent, { recursive: true, force: true });
  });

  test('keep their own caches and their own kept model', async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-e2e-two-sites-'));
    const site = await copySite();
    fs.cpSync(site, path.join(parent, 'a'), { recursive: true });
    fs.renameSync(site, path.join(parent, 'b'));
    fs.writeFileSync(path.join(parent, 'index.html'), '<!doctype html><title>two copies</title>');
    server = await serve(parent, { serviceWorker: true });
    const context = await newContext(suite.browser);
    try {
      const a = await openApp(context, new URL('a/', server.url).href);
      await serviceWorkerState(a);
      await trainRun(a, { epochs: 1 });
      await a.waitForFunction(
        () => document.querySelector('[data-testid="model-name"]').dataset.source === 'trained',
      );
      const b = await openApp(context, new URL('b/', server.url).href);
      const bCaches = (await serviceWorkerState(b)).caches;
      assert.equal(
        await byTestId(b, 'model-name').getAttribute('data-source'),
        'pretrained',
        "b does not get a's model",
      );
      assert.ok(
        bCaches.some((name) => name.startsWith('mnist-nn:/a/:static-')),
        `a's cache survived b: ${bCaches}`,
      );
      assert.ok(
        bCaches.some((name) => name.startsWith('mnist-nn:/b/:static-')),
        `b has its own: ${bCaches}`,
      );
      await a.reload();
      await waitForState(a, 'ready');
      await a.waitForFunction(
        () => document.querySelector('[data-testid="model-name"]').dataset.source === 'trained',
        null,
        {
          timeout: 10_000,
        },
      );
    } finally {
      await context.close();
    }
  });
});
