// Issue 5: every button pressed at any moment leaves the page consistent, and a worker that dies
// shows the error state with its reason and a Reset that works without reloading the page.
import assert from 'node:assert/strict';
import { beforeEach, afterEach, test } from 'node:test';
import { newContext } from './support/browser.mjs';
import {
  byTestId,
  DIGITS,
  drawAndClassify,
  drawDigit,
  inkedPixels,
  openApp,
  prediction,
  received,
  roundTrip,
  sent,
  startRun,
  status,
  waitForAnswers,
  waitForState,
  waitStartEnabled,
} from './support/app.mjs';
import { assertConsistent, assertWorks } from './support/consistency.mjs';
import { useSite } from './support/suite.mjs';

const suite = useSite();
// A fresh context for every test: a fault must not carry over to the next.
let context;
beforeEach(async () => {
  context = await newContext(suite.browser);
});
afterEach(async () => {
  await context?.close();
});

const clickAll = (page, ids) =>
  page.evaluate((list) => {
    for (const id of list) document.querySelector(`[data-testid="${id}"]`).click();
  }, ids);
const countSent = async (page, type) => (await sent(page, type)).length;

test('Start pressed twice quickly starts one run', async () => {
  const page = await openApp(context, suite.site.url);
  await byTestId(page, 'epochs').fill('1');
  await waitStartEnabled(page);
  await clickAll(page, ['train-start', 'train-start']);
  await byTestId(page, 'train-start')
    .click({ force: true, noWaitAfter: true })
    .catch(() => {});
  await waitForState(page, 'done', { timeout: 60_000 });
  assert.equal(await countSent(page, 'start'), 1, 'exactly one START reached the worker');
  assert.equal((await received(page, 'done')).length, 1, 'one run finished');
  await assertConsistent(page, 'after a double Start');
  await assertWorks(page, 'after a double Start');
});

test('Reset, Pause, Start, Space and C while loading do nothing harmful', async () => {
  const page = await context.newPage();
  page.on('pageerror', (error) => (page.__errors = [...(page.__errors || []), error.message]));
  await page.goto(suite.site.url, { waitUntil: 'domcontentloaded' });
  await waitForState(page, 'loading', { timeout: 10_000 });
  await clickAll(page, ['train-reset', 'train-pause', 'train-start', 'clear']);
  await page.keyboard.press('Space');
  await page.keyboard.press('c');
  const state = (await status(page)).state;
  assert.ok(['loading', 'ready'].includes(state), `still loading (or ready), not '${state}'`);
  for (const type of ['start', 'pause', 'resume', 'reset']) {
    assert.equal(await countSent(page, type), 0, `no ${type.toUpperCase()} sent while loading`);
  }
  await waitForState(page, 'ready');
  await assertConsistent(page, 'after buttons pressed while loading');
  await assertWorks(page, 'after buttons pressed while loading');
});

test('Pause (and Resume) before Start do nothing', async () => {
  const page = await openApp(context, suite.site.url);
  assert.equal(await byTestId(page, 'train-pause').isEnabled(), false, 'Pause is disabled when ready');
  await clickAll(page, ['train-pause', 'train-pause']);
  await byTestId(page, 'train-pause')
    .click({ force: true })
    .catch(() => {});
  await waitForAnswers(page); // anything a click sent has been answered
  assert.equal((await status(page)).state, 'ready');
  assert.equal((await countSent(page, 'pause')) + (await countSent(page, 'resume')), 0, 'nothing sent');
  await assertConsistent(page, 'after Pause before Start');
  await assertWorks(page, 'after Pause before Start');
});

test('Clear while a drawing is being classified drops the answer', async () => {
  const page = await openApp(context, suite.site.url);
  const before = await prediction(page);
  const predictionsBefore = (await received(page, 'predict')).length;
  // One task: a whole stroke by pointer events (its end sends PREDICT), then Clear at once, before
  // the worker can answer.
  await page.evaluate(() => {
    const pad = document.querySelector('[data-testid="pad"]');
    const box = pad.getBoundingClientRect();
    const at = (x, y) => ({
      pointerId: 7,
      pointerType: 'mouse',
      isPrimary: true,
      button: 0,
      buttons: 1,
      bubbles: true,
      cancelable: true,
      clientX: box.left + x * box.width,
      clientY: box.top + y * box.height,
    });
    pad.dispatchEvent(new PointerEvent('pointerdown', at(0.5, 0.2)));
    for (let i = 1; i <= 20; i += 1)
      pad.dispatchEvent(new PointerEvent('pointermove', at(0.5, 0.2 + i * 0.03)));
    pad.dispatchEvent(new PointerEvent('pointerup', { ...at(0.5, 0.8), buttons: 0 }));
    document.querySelector('[data-testid="clear"]').click();
  });
  assert.equal(await countSent(page, 'predict'), 1, 'the stroke was sent to be classified');
  await page.waitForFunction(
    (n) => window.__e2e.received.filter((m) => m.type === 'predict').length > n,
    predictionsBefore,
    { timeout: 10_000 },
  );
  // The answer is handled in the task that received it, before the check below runs.
  const now = await prediction(page);
  assert.equal(now.digit, '', 'the late answer did not show a digit for a cleared pad');
  assert.equal(now.seq, before.seq, 'the late answer was not counted as shown');
  assert.equal(await inkedPixels(byTestId(page, 'pad')), 0, 'the pad is blank');
  await assertConsistent(page, 'after Clear while classifying');
  await assertWorks(page, 'after Clear while classifying');
});

test('Clear (C) in the middle of a stroke ends it without a classification', async () => {
  const page = await openApp(context, suite.site.url);
  const box = await byTestId(page, 'pad').boundingBox();
  const seq = (await prediction(page)).seq;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.5, { steps: 10 });
  await page.keyboard.press('c');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 10 });
  await page.mouse.up();
  // A stroke's end sends its drawing at once: nothing sent means nothing to classify.
  assert.equal(await countSent(page, 'predict'), 0, 'no classification of a cleared stroke');
  assert.equal(await inkedPixels(byTestId(page, 'pad')), 0, 'the rest of the stroke left no ink');
  assert.equal((await prediction(page)).seq, seq);
  assert.equal((await prediction(page)).digit, '');
  await assertWorks(page, 'after C mid-stroke');
});

test('Start then Reset at once sends no run; Start again works', async () => {
  const page = await openApp(context, suite.site.url);
  await byTestId(page, 'epochs').fill('1');
  await waitStartEnabled(page);
  const checks = await countSent(page, 'check-config');
  await clickAll(page, ['train-start', 'train-reset']);
  assert.ok((await countSent(page, 'check-config')) > checks, 'Start asked the core about the settings');
  await waitForAnswers(page); // the core answered: a Start still going would send its run now
  assert.equal(await countSent(page, 'start'), 0, 'a Start reset before it began sends no START');
  assert.equal((await status(page)).state, 'ready');
  await assertConsistent(page, 'after Start+Reset');
  await assertWorks(page, 'after Start+Reset');
});

test('Start → Reset → Start during a run', async () => {
  const page = await openApp(context, suite.site.url);
  await startRun(page, { epochs: 30 });
  await clickAll(page, ['train-reset', 'train-start']); // Start while the Reset is in flight
  await waitForState(page, 'ready', { timeout: 10_000 });
  await waitForAnswers(page);
  assert.equal((await status(page)).state, 'ready', 'the Start pressed during the Reset did not start a run');
  assert.equal(await countSent(page, 'start'), 1);
  assert.equal((await byTestId(page, 'val-accuracy').textContent()).trim(), '–', 'the old run is cleared');
  await startRun(page, { epochs: 30 });
  await assertConsistent(page, 'the second run');
  await byTestId(page, 'train-reset').click();
  await waitForState(page, 'ready', { timeout: 10_000 });
  await assertWorks(page, 'after Start → Reset → Start');
});

test('rapid Pause/Resume settles in a consistent state', async () => {
  const page = await openApp(context, suite.site.url);
  await startRun(page, { epochs: 40 });
  // Ten clicks within one task all see 'training': they pause (once or more), never resume.
  await clickAll(page, Array(10).fill('train-pause'));
  await waitForAnswers(page); // all ten were answered: the state is the one they left
  assert.equal((await status(page)).state, 'paused', 'a burst of Pause clicks pauses');
  assert.equal(await countSent(page, 'resume'), 0, 'and never resumes');
  await clickAll(page, Array(10).fill('train-pause'));
  await waitForAnswers(page);
  assert.equal((await status(page)).state, 'training', 'a burst of Resume clicks resumes');
  // Real clicks as fast as the mouse goes: each sees the state the previous one left.
  for (let i = 0; i < 12; i += 1) await byTestId(page, 'train-pause').click({ delay: 0 });
  await waitForAnswers(page);
  const settled = await assertConsistent(page, 'after rapid Pause/Resume');
  assert.ok(['training', 'paused'].includes(settled), `still in the run: ${settled}`);
  if (settled === 'training') {
    await byTestId(page, 'train-pause').click();
    await waitForState(page, 'paused', { timeout: 5000 });
  }
  await waitForAnswers(page);
  const batch = await page.locator('#metric-batch').textContent();
  await roundTrip(page); // a slice still training would report before this comes back
  await roundTrip(page);
  assert.equal(await page.locator('#metric-batch').textContent(), batch, 'paused means paused');
  await byTestId(page, 'train-pause').click();
  await waitForState(page, 'training', { timeout: 5000 });
  await page.waitForFunction((b) => document.getElementById('metric-batch').textContent !== b, batch, {
    timeout: 10_000,
  });
  await byTestId(page, 'train-reset').click();
  await assertWorks(page, 'after rapid Pause/Resume');
});

/** Makes the page's training worker throw an uncaught error, as an abort inside wasm does. */
async function killWorker(page, reason) {
  const workers = page.workers();
  assert.equal(workers.length, 1, `one worker runs: ${workers.map((w) => w.url())}`);
  await workers[0].evaluate((text) => {
    setTimeout(() => {
      throw new WebAssembly.RuntimeError(text);
    });
  }, reason);
}

async function assertDeadThenReset(page, reason) {
  await waitForState(page, 'error', { timeout: 10_000 });
  const { message } = await status(page);
  assert.ok(message.includes(reason), `the error names the reason '${reason}': "${message}"`);
  await assertConsistent(page, 'the worker died');
  assert.equal(await byTestId(page, 'train-start').isEnabled(), false, 'no Start on a dead worker');
  // Drawing says the network stopped rather than hanging.
  await drawDigit(page, DIGITS[1]);
  await page.waitForFunction(() => !document.getElementById('prediction').hasAttribute('aria-busy'), null, {
    timeout: 5000,
  });
  assert.equal((await prediction(page)).digit, '');
  assert.match(
    (await prediction(page)).text,
    /not running|stopped|Retry/i,
    'the pad says why it cannot answer',
  );

  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  const workersBefore = await page.evaluate(() => window.__e2e.workers.length);
  await byTestId(page, 'train-reset').click();
  await waitForState(page, 'ready');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'Reset did not reload the page');
  assert.equal(
    await page.evaluate(() => window.__e2e.workers.length),
    workersBefore + 1,
    'a new worker was started',
  );
  assert.equal(page.workers().length, 1, 'the dead worker is gone');
  await assertWorks(page, 'after the worker died and Reset');
}

test('the worker dying while idle: error with the reason, Reset recovers without a reload', async () => {
  const page = await openApp(context, suite.site.url);
  await killWorker(page, 'Aborted(OOM)');
  await assertDeadThenReset(page, 'Aborted(OOM)');
});

test('the worker dying during training: error with the reason, Reset recovers', async () => {
  const page = await openApp(context, suite.site.url);
  await startRun(page, { epochs: 40 });
  await killWorker(page, 'unreachable executed');
  await assertDeadThenReset(page, 'unreachable executed');
  assert.equal(await byTestId(page, 'train-pause').isEnabled(), false);
});

test('a worker script that fails to load: error state, Retry recovers', async () => {
  await context.route('**/src/worker.js', (route) => route.fulfill({ status: 500, body: 'broken' }));
  const page = await context.newPage();
  page.on('pageerror', (error) => (page.__errors = [...(page.__errors || []), error.message]));
  await page.goto(suite.site.url);
  await waitForState(page, 'error', { timeout: 30_000 });
  const { message } = await status(page);
  assert.match(message, /worker/i, `the error says the worker failed: "${message}"`);
  assert.equal((await page.locator('#retry').textContent()).trim(), 'Retry');
  await context.unroute('**/src/worker.js');
  await page.locator('#retry').click();
  await waitForState(page, 'ready');
  await assertWorks(page, 'after Retry');
});
