// Issue 10: the lifecycle bugs. Each test presses or sends things at the moment that used to break
// the page, and checks what a user would expect afterwards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { newContext } from './support/browser.mjs';
import {
  byTestId,
  openApp,
  received,
  sent,
  startRun,
  status,
  trainRun,
  waitForState,
  waitForAnswers,
} from './support/app.mjs';
import { assertConsistent } from './support/consistency.mjs';
import { modelMetadata } from './support/model-file.mjs';
import { dataReadyCount, loadFashion } from './support/fashion.mjs';
import { useSite } from './support/suite.mjs';

const suite = useSite();
let context;
beforeEach(async () => {
  context = await newContext(suite.browser, { acceptDownloads: true });
});
afterEach(async () => {
  await context?.close();
});

/** Calls the page's worker directly, in one task, as if the page had ([type, payload] pairs);
 *  returns the calls' ids. */
function callWorker(page, calls) {
  return page.evaluate(
    (list) => list.map(([type, payload]) => window.__e2e.callWorker(type, payload)),
    calls,
  );
}

/** The rows of the runs table still marked as training. */
const runningRows = (page) => page.locator('#runs-table-body tr.is-running').count();

describe('a dataset loading', () => {
  test('Start is not offered while MNIST loads again, and no run is left "running"', async () => {
    const page = await openApp(context, suite.site.url);
    await loadFashion(page);
    const startsBefore = (await sent(page, 'start')).length;
    const readyBefore = await dataReadyCount(page);
    // Back to MNIST, and Start in the same task: before the worker has even seen the first.
    await page.evaluate(() => {
      document.getElementById('dataset-mnist').click();
      document.querySelector('[data-testid="train-start"]').click();
    });
    await page.waitForFunction(
      (n) => window.__e2e.received.filter((m) => m.type === 'data-ready').length > n,
      readyBefore,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () => !document.getElementById('dataset-panel').classList.contains('is-loading'),
      null,
      { timeout: 10_000 },
    );
    assert.equal((await received(page, 'data-ready')).at(-1).name, 'MNIST', 'MNIST is back');
    assert.equal((await sent(page, 'start')).length, startsBefore, 'no START while the data loaded');
    const state = await waitForState(page, ['ready', 'training', 'done']);
    if (state !== 'training') assert.equal(await runningRows(page), 0, 'no run is shown as running');
    await assertConsistent(page, 'after Start during Back to MNIST');
    await trainRun(page, { epochs: 1 });
    await page.locator('#runs-clear').click();
    assert.equal(await page.locator('#runs-table-body tr').count(), 0, 'Clear runs removes every run');
  });

  test('a START that reaches the worker while MNIST loads is not lost', async () => {
    const page = await openApp(context, suite.site.url);
    await loadFashion(page);
    const presets = await page.evaluate(() => window.__e2e.presets);
    const readyBefore = await dataReadyCount(page);
    await page.locator('#dataset-mnist').click();
    const config = { ...presets.mlp, epochs: 1 };
    const [id] = await callWorker(page, [['start', { config }]]);
    await page.waitForFunction(
      (n) => window.__e2e.received.filter((m) => m.type === 'data-ready').length > n,
      readyBefore,
      { timeout: 60_000 },
    );
    // Either the worker refused the START (an error answering it), or the run it started trains
    // on to its end: never a run that silently stops.
    await page.waitForFunction(
      (call) => window.__e2e.received.some((m) => m.type === 'done' || (m.type === 'error' && m.id === call)),
      id,
      { timeout: 120_000 },
    );
    const done = (await received(page, 'done')).length;
    const refusal = (await received(page, 'error')).find((m) => m.id === id);
    assert.ok(done === 1 || refusal, 'the START was answered: refused, or its run finished');
  });
});

describe('the pretrained model is optional', () => {
  for (const [what, body] of [
    [
      'a host that answers a missing model with its index.html',
      (dir) => fs.readFileSync(path.join(dir, 'index.html')),
    ],
    ['a malformed pretrained model file', () => Buffer.from('NNMF but not really a model file at all')],
  ]) {
    test(`${what}: the page loads without it and says so`, async () => {
      await context.route('**/models/pretrained.nnmf', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: body(suite.site.dir) }),
      );
      const page = await openApp(context, suite.site.url, { state: ['ready', 'error'] });
      const { state, message } = await status(page);
      assert.equal(
        state,
        'ready',
        `the page is ready without a pretrained model, not '${state}' ("${message}")`,
      );
      assert.equal(await byTestId(page, 'model-name').getAttribute('data-source'), 'none');
      const said = await page.locator('#model-panel').textContent();
      assert.match(
        said,
        /pretrained model could not be (loaded|used)/i,
        `the model panel says why: "${said}"`,
      );
      await trainRun(page, { epochs: 1 });
      assert.equal(await byTestId(page, 'model-name').getAttribute('data-source'), 'trained');
    });
  }
});

describe('pause and resume', () => {
  test('a burst of Pause/Resume at a capped speed keeps one training loop: the run stays at its cap', async () => {
    const page = await openApp(context, suite.site.url);
    const CAP = 2000;
    await page.locator('#speed').selectOption(String(CAP));
    await startRun(page, { preset: 'seed', epochs: 50 });
    await page.waitForFunction(() => window.__e2e.received.some((m) => m.type === 'progress'), null, {
      timeout: 10_000,
    });
    // Ten pauses and resumes in one task, each while the next slice is still pending.
    await callWorker(
      page,
      Array.from({ length: 10 }, () => [
        ['pause', {}],
        ['resume', {}],
      ]).flat(),
    );
    const from = (await received(page, 'progress')).length;
    // Two seconds of the worker's own clock after the burst.
    await page.waitForFunction(
      (n) => {
        const progress = window.__e2e.received.filter((m) => m.type === 'progress').slice(n);
        return progress.length > 1 && progress.at(-1).elapsedSeconds - progress[0].elapsedSeconds >= 2;
      },
      from,
      { timeout: 60_000 },
    );
    const window_ = (await received(page, 'progress')).slice(from);
    const batches = window_.slice(1).reduce((n, p) => n + p.lossCount, 0);
    const seconds = window_.at(-1).elapsedSeconds - window_[0].elapsedSeconds;
    const rate = (batches * 10) / seconds; // seed trains batches of 10
    // One loop trains at most CAP samples a second (a slice of 40 ms trains its share and waits);
    // a machine under load only slows it down. Two loops or more would double it.
    assert.ok(rate <= 1.4 * CAP, `the run trained ${rate.toFixed(0)} samples/s at a cap of ${CAP}`);
    await byTestId(page, 'train-reset').click();
    await waitForState(page, 'ready', { timeout: 10_000 });
  });
});

describe('the kept model is the one the user has', () => {
  test('Reset after a finished run brings the old model back, also after a reload', async () => {
    const page = await openApp(context, suite.site.url);
    assert.equal(await byTestId(page, 'model-name').getAttribute('data-source'), 'pretrained');
    await trainRun(page, { epochs: 1 });
    await byTestId(page, 'train-reset').click();
    await waitForState(page, 'ready', { timeout: 10_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="model-name"]').dataset.source === 'pretrained',
      null,
      { timeout: 10_000 },
    );
    // Reset is answered once the browser's store has forgotten the run's model.
    await waitForAnswers(page);
    await page.reload();
    await waitForState(page, 'ready');
    assert.equal(
      await byTestId(page, 'model-name').getAttribute('data-source'),
      'pretrained',
      'the reload brings back the model the user had, not the run they reset',
    );
  });

  test('a model trained on Fashion-MNIST comes back as one, with its class names', async () => {
    const page = await openApp(context, suite.site.url);
    await loadFashion(page);
    await trainRun(page, { epochs: 1 });
    await page.reload();
    await waitForState(page, 'ready');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="model-name"]').dataset.source === 'trained',
      null,
      { timeout: 10_000 },
    );
    const name = await byTestId(page, 'model-name').textContent();
    assert.match(name, /Fashion-MNIST/, `the kept model says what it was trained on: "${name}"`);
    assert.equal(await page.locator('#class-name-9').inputValue(), 'Ankle boot', 'its class names came back');
  });

  test('Download of the pretrained model after a run does not write the run’s settings', async () => {
    const page = await openApp(context, suite.site.url);
    await trainRun(page, { epochs: 1, settings: { batchSize: 128 } });
    await page.locator('#model-pretrained').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="model-name"]').dataset.source === 'pretrained',
      null,
      { timeout: 10_000 },
    );
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      byTestId(page, 'model-download').click(),
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nn-e2e-')), 'model.nnmf');
    await download.saveAs(file);
    const metadata = modelMetadata(fs.readFileSync(file));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    assert.notEqual(
      metadata.config?.batchSize,
      128,
      `the run's settings are not the pretrained model's: ${JSON.stringify(metadata)}`,
    );
    const shipped = modelMetadata(fs.readFileSync(path.join(suite.site.dir, 'models', 'pretrained.nnmf')));
    assert.equal(metadata.preset, shipped.preset, 'the pretrained model keeps its own preset');
    assert.equal(metadata.test_accuracy, shipped.test_accuracy, 'and its own test accuracy');
    assert.equal(
      metadata.robustness_accuracy,
      shipped.robustness_accuracy,
      'and its drawn-digit accuracy, which the page cannot measure',
    );
  });
});

describe('Back to MNIST failing', () => {
  test('keeps the current data, shows the failure in the dataset panel, and the page stays ready', async () => {
    const page = await openApp(context, suite.site.url);
    await loadFashion(page);
    await context.route('**/data/*.gz', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.locator('#dataset-mnist').click();
    await page.waitForFunction(
      () => document.getElementById('dataset-message').classList.contains('is-error'),
      null,
      { timeout: 30_000 },
    );
    assert.match(await page.locator('#dataset-message').textContent(), /kept/i);
    assert.equal((await status(page)).state, 'ready', 'the page is not in the error state');
    assert.match(await page.locator('#dataset-current').textContent(), /Fashion-MNIST/);
    await trainRun(page, { epochs: 1 });
  });

  test('a download that stalls can be cancelled; the current data is kept', async () => {
    const page = await openApp(context, suite.site.url);
    await loadFashion(page);
    await context.route('**/data/*.gz', () => {}); // never answered
    await page.locator('#dataset-mnist').click();
    const cancel = page.locator('#dataset-cancel');
    await cancel.waitFor({ state: 'visible', timeout: 10_000 });
    await cancel.click();
    await page.waitForFunction(
      () => /cancel/i.test(document.getElementById('dataset-message').textContent),
      null,
      { timeout: 10_000 },
    );
    assert.equal((await status(page)).state, 'ready');
    assert.match(await page.locator('#dataset-current').textContent(), /Fashion-MNIST/);
    await trainRun(page, { epochs: 1 });
  });
});
