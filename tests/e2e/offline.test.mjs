// Issue 5: after one visit, the site works offline: with the network cut (and the server gone),
// a reload still opens the page, trains a short run and classifies a drawing, all from the
// service worker's cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIGITS, drawAndClassify, openApp, trainRun, waitForState } from './support/app.mjs';
import { useSite } from './support/suite.mjs';

// One context for all the tests: the service worker the first visit installs serves the others.
// The site is served as a static host serves it (the development server registers none).
const suite = useSite({ context: {}, serviceWorker: true });
let page;

test('the first visit installs a service worker that controls the page', async () => {
  page = await openApp(suite.context, suite.site.url);
  const sw = await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return { supported: false };
    const registration = await Promise.race([
      navigator.serviceWorker.ready,
      new Promise((resolve) => setTimeout(() => resolve(null), 60_000)),
    ]);
    if (!registration) return { supported: true, ready: false };
    // clients.claim() in activate makes it control this page without a reload.
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
        setTimeout(resolve, 15_000);
      });
    }
    const active = registration.active;
    if (active && active.state !== 'activated') {
      await new Promise((resolve) => {
        active.addEventListener('statechange', () => active.state === 'activated' && resolve());
        setTimeout(resolve, 15_000);
      });
    }
    return {
      supported: true,
      ready: true,
      state: registration.active?.state,
      scope: registration.scope,
      controlled: Boolean(navigator.serviceWorker.controller),
      cached: (await caches.keys()).length,
    };
  });
  assert.equal(sw.supported, true, 'service workers are available');
  assert.equal(sw.ready, true, 'a service worker became ready within 60 s');
  assert.equal(sw.state, 'activated', `the service worker is active: ${JSON.stringify(sw)}`);
  assert.equal(sw.scope, suite.site.url, 'its scope is the site');
  assert.equal(sw.controlled, true, 'it controls the page');
  assert.ok(sw.cached >= 1, 'it made a cache');
});

test('offline, with the server stopped, the page reloads, trains and classifies', async () => {
  assert.ok(page, 'the first visit ran');
  await suite.site.stop();
  await suite.context.setOffline(true);
  try {
    const navigation = await page.reload({ waitUntil: 'load' });
    assert.ok(navigation, 'the reload produced a response');
    assert.equal(navigation.status(), 200, 'the cached page was served');
    assert.equal(navigation.fromServiceWorker(), true, 'the page came from the service worker');
    const state = await waitForState(page, ['ready', 'error']);
    assert.equal(
      state,
      'ready',
      `offline the page loads the data from the cache: ${await page.locator('#status-message').textContent()}`,
    );
    await trainRun(page, { epochs: 1 });
    const answer = await drawAndClassify(page, DIGITS[1]);
    assert.match(answer.digit, /^[0-9]$/, 'the pad classifies offline');
    assert.deepEqual(await page.evaluate(() => window.__e2e.csp), [], 'no CSP violation offline');
  } finally {
    await suite.context.setOffline(false);
  }
});

test('a new tab opened offline also works', async () => {
  await suite.context.setOffline(true);
  try {
    const second = await openApp(suite.context, suite.site.url);
    const answer = await drawAndClassify(second, DIGITS[7]);
    assert.match(answer.digit, /^[0-9]$/);
    await second.close();
  } finally {
    await suite.context.setOffline(false);
  }
});
