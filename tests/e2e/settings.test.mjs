// Issue 5: a diverging run stops with a clear message and rolls the weights back (drawings still
// work), and settings outside the core's bounds are refused at the form: Start stays disabled
// and no START reaches the worker.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  byTestId,
  clearPad,
  DIGITS,
  drawAndClassify,
  openApp,
  received,
  sent,
  setField,
  startRun,
  status,
  trainRun,
  waitForAnswers,
  waitForState,
  waitStartEnabled,
} from './support/app.mjs';
import { assertConsistent } from './support/consistency.mjs';
import { newContext } from './support/browser.mjs';
import { useApp, useSite } from './support/suite.mjs';

const suite = useSite();

describe('a run that diverges', () => {
  const app = useApp(suite);

  test('lr 10, sgd, weight decay 0.5 stops with "diverged … smaller learning rate"', async () => {
    // Weight decay 0.5 at lr 10 multiplies every weight by 1 - 10 * 0.5 = -4 per step.
    await startRun(app.page, {
      epochs: 2,
      settings: { optimizer: 'sgd', learningRate: 10, weightDecay: 0.5 },
    });
    const state = await waitForState(app.page, ['error', 'done'], { timeout: 60_000 });
    const { message } = await status(app.page);
    assert.equal(state, 'error', `the run must stop in the error state, not '${state}' ("${message}")`);
    assert.match(message, /diverged/i, `the message says it diverged: "${message}"`);
    assert.match(
      message,
      /smaller learning rate/i,
      `the message suggests a smaller learning rate: "${message}"`,
    );
    assert.match(message, /epoch \d+/i, `the message says where: "${message}"`);
    assert.equal((await received(app.page, 'diverged')).length, 1, 'one diverged event');
    assert.equal((await received(app.page, 'fatal')).length, 0, 'the worker goes on');
    await assertConsistent(app.page, 'after divergence');
    assert.equal(
      (await app.page.locator('#retry').textContent()).trim(),
      'Reset',
      'the error offers Reset (not a reload)',
    );
  });

  test('the rolled-back weights still read drawings, with finite probabilities', async () => {
    await clearPad(app.page);
    const answer = await drawAndClassify(app.page, DIGITS[1]);
    assert.match(answer.digit, /^[0-9]$/, `a digit is read after divergence: ${JSON.stringify(answer)}`);
    const last = (await received(app.page, 'predict')).at(-1);
    assert.equal(last.empty, false);
    assert.equal(last.probabilities.length, 10);
    assert.ok(last.probabilities.every(Number.isFinite), `finite probabilities: ${last.probabilities}`);
    const sum = last.probabilities.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-3, `the probabilities sum to 1: ${sum}`);
  });

  test('a run that diverges on the first batch of a training step rolls back to usable weights', async () => {
    // The worker trains in steps of about 8 ms and the core snapshots the weights at the start of
    // each. Where a step starts varies with the machine's speed, so the run above may pass by luck;
    // with batches of 1,024 every step is one batch, so the divergence always falls on a step's
    // first batch. (A constant schedule keeps the learning rate at 10.)
    await byTestId(app.page, 'train-reset').click();
    await waitForState(app.page, 'ready', { timeout: 10_000 });
    await startRun(app.page, {
      epochs: 2,
      settings: {
        optimizer: 'sgd',
        learningRate: 10,
        weightDecay: 0.5,
        batchSize: 1024,
        schedule: 'constant',
      },
    });
    assert.equal(await waitForState(app.page, ['error', 'done'], { timeout: 60_000 }), 'error');
    assert.match((await status(app.page)).message, /diverged/);
    await clearPad(app.page);
    await drawAndClassify(app.page, DIGITS[1]);
    const last = (await received(app.page, 'predict')).at(-1);
    assert.ok(
      last.probabilities?.every(Number.isFinite),
      `after "${(await status(app.page)).message}" the rolled-back model gives probabilities ${last.probabilities}`,
    );
  });

  test('a sane run can start right after, without a reload', async () => {
    await byTestId(app.page, 'preset').selectOption('mlp'); // the preset's own settings again
    await trainRun(app.page, { epochs: 1 });
    const answer = await drawAndClassify(app.page, DIGITS[7]);
    assert.match(answer.digit, /^[0-9]$/);
  });
});

describe('invalid settings are refused at the form', () => {
  const app = useApp(suite);

  const cases = [
    { field: 'learningRate', value: '-1', message: /learning rate|> ?0|positive|greater/i },
    { field: 'learningRate', value: '1e9', message: /learning rate|at most|<=|range/i },
    { field: 'batchSize', value: '0', message: /batch/i },
    { field: 'batchSize', value: '100000', message: /batch|training set|at most/i },
    { field: 'epochs', value: '0', message: /epoch|at least|1/i },
    { field: 'hidden', value: 'abc', message: /whole numbers|layer/i },
    { field: 'hidden', value: '0', message: /layer|size|at least/i },
    { field: 'learningRate', value: 'fast', message: /number/i },
  ];

  for (const { field, value, message } of cases) {
    test(`${field} = "${value}"`, async () => {
      await byTestId(app.page, 'preset').selectOption('mlp');
      await waitStartEnabled(app.page);
      const startsBefore = (await sent(app.page, 'start')).length;
      await setField(app.page, field, value);
      // Pressed at once, before the core has answered about the new value.
      await byTestId(app.page, 'train-start')
        .click({ force: true, timeout: 2000 })
        .catch(() => {});
      const errorSlot = app.page.locator(`#${field}-error`);
      await app.page
        .waitForFunction((id) => document.getElementById(`${id}-error`).textContent.trim() !== '', field, {
          timeout: 5000,
        })
        .catch(() => {});
      const shown =
        (await errorSlot.textContent()).trim() ||
        (await app.page.locator('#form-error').textContent()).trim();
      assert.ok(shown.length > 0, `a message by the field (or the form) refuses ${field} = ${value}`);
      assert.match(shown, message, `the message says what is wrong: "${shown}"`);
      assert.equal(await byTestId(app.page, 'train-start').isEnabled(), false, 'Start is disabled');
      await waitForAnswers(app.page); // the core's verdict is in: a Start it let through would be sent
      assert.equal((await sent(app.page, 'start')).length, startsBefore, 'no START was sent');
      const { state } = await status(app.page);
      assert.equal(state, 'ready', 'the page stays ready');
      if ((await errorSlot.textContent()).trim()) {
        assert.equal(
          await app.page.locator(`#${field}`).getAttribute('aria-invalid'),
          'true',
          'the field is marked invalid',
        );
      }
      // The preset's value back: the message goes and Start comes back.
      assert.equal(
        await app.page.locator('#preset-restore').isVisible(),
        true,
        'the form offers to restore the preset',
      );
      await app.page.locator('#preset-restore').click();
      await waitStartEnabled(app.page);
      assert.equal(
        (await app.page.locator(`#${field}`).inputValue()).trim() === value,
        false,
        'the preset value is back',
      );
      assert.equal((await errorSlot.textContent()).trim(), '', 'the message clears once the value is valid');
    });
  }

  test('the form still starts a valid run afterwards', async () => {
    await trainRun(app.page, { epochs: 1 });
    await assertConsistent(app.page, 'valid run after refusals');
  });
});

describe('a preset this page does not know yet, with a setting it has no field for (a newer core)', () => {
  test('is offered, shows what it can, and its run keeps the settings the form has no field for', async () => {
    const context = await newContext(suite.browser);
    try {
      // The worker sends the presets of a core with a `wide` preset carrying `dropout`.
      await context.addInitScript(() => {
        window.__e2eExtendPresets = (presets) => ({
          ...presets,
          wide: { ...presets.mlp, preset: 'wide', hidden: [64], dropout: 0.25 },
        });
      });
      const page = await openApp(context, suite.site.url);
      await byTestId(page, 'preset').selectOption('wide');
      assert.match(await page.locator('#preset-others').textContent(), /dropout 0\.25/);
      assert.equal(await page.locator('#hidden').inputValue(), '64', 'the fields it knows are filled');
      await startRun(page, { preset: 'wide', epochs: 1 });
      const [start] = await sent(page, 'start');
      assert.equal(start.config.dropout, 0.25, 'the setting without a field went with the run');
      assert.equal(
        start.config.preset,
        'wide (modified)',
        'named after its preset (the epochs were changed)',
      );
      assert.deepEqual(start.config.hidden, [64]);
      await waitForState(page, ['done', 'error'], { timeout: 120_000 });
    } finally {
      await context.close();
    }
  });
});
