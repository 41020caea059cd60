// Issue 3: the page loads, trains a short run in its worker with live charts, keeps its main
// thread responsive, pauses and resumes, and reports plausible accuracies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newContext } from './support/browser.mjs';
import { seriesPixels } from './support/charts.mjs';
import {
  byTestId,
  drawAndClassify,
  DIGITS,
  openApp,
  parsePercent,
  received,
  roundTrip,
  RUN_TIMEOUT,
  startRun,
  status,
  trainRun,
  waitForAnswers,
  waitForState,
  waitForPrediction,
  prediction,
} from './support/app.mjs';
import { useApp, useSite } from './support/suite.mjs';

const suite = useSite();

/** The status strip's batch counter ("123 / 797") and epoch ("1 / 30"). */
async function counters(page) {
  return page.evaluate(() => ({
    batch: document.getElementById('metric-batch').textContent,
    epoch: document.getElementById('metric-epoch').textContent,
  }));
}

describe('a short mlp run', () => {
  const app = useApp(suite);
  let longTasks;

  test('the page opens ready, with the presets and the mlp default', async () => {
    const { message } = await status(app.page);
    assert.match(message, /51,000 training/, 'the ready message names the training set');
    const presets = await byTestId(app.page, 'preset').evaluate((select) =>
      [...select.options].map((o) => o.value),
    );
    for (const name of ['seed', 'seed-ce', 'mlp'])
      assert.ok(presets.includes(name), `preset ${name} offered: ${presets}`);
    assert.equal(await byTestId(app.page, 'preset').inputValue(), 'mlp');
    assert.equal(await byTestId(app.page, 'train-start').isEnabled(), true, 'Start is enabled when ready');
    assert.equal(
      await byTestId(app.page, 'train-pause').isEnabled(),
      false,
      'Pause is disabled before a run',
    );
    for (const id of ['val-accuracy', 'test-accuracy']) {
      assert.equal((await byTestId(app.page, id).textContent()).trim(), '–', `${id} is empty before a run`);
    }
  });

  test('trains 2 epochs to done, with the main thread responsive throughout', async (t) => {
    const blankLoss = await seriesPixels(app.page, 'loss-chart', '--chart-train');
    assert.equal(blankLoss.pixels, 0, 'no training curve before training');
    const t0 = await app.page.evaluate(() => performance.now());
    await trainRun(app.page, { epochs: 2 });
    longTasks = await app.page.evaluate(
      (start) => window.__e2e.longTasks.filter((t) => t.start >= start),
      t0,
    );
    t.diagnostic(`long tasks while training (for information): ${JSON.stringify(longTasks)}`);
    const epochs = await received(app.page, 'epoch');
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2],
      'one EPOCH message per epoch',
    );
    assert.equal((await received(app.page, 'done')).length, 1, 'one DONE message');
    assert.match((await status(app.page)).message, /Finished: \d+\.\d+% of the 10,000 test digits/);
  });

  // Training lives in the worker, so the page keeps drawing while it trains. Told by order, not by
  // time (this machine is shared: a frame may come late, never in the wrong order): every message
  // carries the number of animation frames drawn before it arrived.
  test('the page drew between every two epochs and all through each', async () => {
    const progress = await received(app.page, 'progress');
    const epochs = await received(app.page, 'epoch');
    const [done] = await received(app.page, 'done');
    assert.ok(
      epochs[0].frame > progress[0].frame,
      `frames were drawn during epoch 1: ${epochs[0].frame} after ${progress[0].frame}`,
    );
    assert.ok(
      epochs[1].frame > epochs[0].frame,
      `frames were drawn during epoch 2: ${epochs[1].frame} after ${epochs[0].frame}`,
    );
    assert.ok(done.frame >= epochs[1].frame);
    // A page whose thread the training held would see its messages pile up between two frames;
    // here frames come between most of them.
    const steps = progress.slice(1).filter((p, i) => p.frame > progress[i].frame).length;
    assert.ok(
      steps >= progress.length / 4,
      `frames between ${steps} of ${progress.length - 1} progress messages`,
    );
  });

  test('the loss fell: in the PROGRESS losses and in the curve drawn', async () => {
    const progress = (await received(app.page, 'progress')).filter((p) => p.lossCount > 0);
    assert.ok(progress.length >= 5, `several progress messages with losses: ${progress.length}`);
    const batches = progress.reduce((n, p) => n + p.lossCount, 0);
    assert.equal(batches, 2 * progress[0].batchesPerEpoch, 'every batch of both epochs reported its loss');
    const mean = (list) =>
      list.reduce((s, p) => s + p.lossMean * p.lossCount, 0) / list.reduce((s, p) => s + p.lossCount, 0);
    const early = mean(progress.slice(0, 2));
    const late = mean(progress.slice(-3));
    assert.ok(late < early / 2, `late loss ${late.toFixed(3)} is under half the early ${early.toFixed(3)}`);

    const curve = await seriesPixels(app.page, 'loss-chart', '--chart-train');
    assert.ok(curve.pixels > 200, `the smoothed training curve is drawn: ${JSON.stringify(curve)}`);
    assert.ok(curve.maxX - curve.minX > curve.width / 2, `it spans the chart: ${JSON.stringify(curve)}`);
    // Canvas rows grow downwards: a falling loss ends lower than it starts.
    assert.ok(
      curve.rightY > curve.leftY + 10,
      `the curve falls from left to right: ${JSON.stringify(curve)}`,
    );
    const validation = await seriesPixels(app.page, 'loss-chart', '--chart-val');
    assert.ok(validation.pixels > 10, `the validation loss points are drawn: ${JSON.stringify(validation)}`);
    const shown = Number((await app.page.locator('#train-loss').textContent()).trim());
    assert.ok(shown > 0 && shown < early, `the headline training loss ${shown} is below the early loss`);
  });

  test('the accuracy chart drew the validation and final test points', async () => {
    const validation = await seriesPixels(app.page, 'accuracy-chart', '--chart-val');
    assert.ok(validation.pixels > 20, `validation accuracy drawn: ${JSON.stringify(validation)}`);
    const final = await seriesPixels(app.page, 'accuracy-chart', '--chart-final');
    assert.ok(final.pixels > 20, `final test accuracy drawn: ${JSON.stringify(final)}`);
    assert.equal(await app.page.locator('#accuracy-empty').isHidden(), true, 'the empty-chart note is gone');
    assert.equal(await app.page.locator('#loss-empty').isHidden(), true, 'the empty-chart note is gone');
    const legend = await app.page.locator('#accuracy-legend').textContent();
    assert.match(legend, /validation/, `a training run's legend names its validation split: ${legend}`);
    const headline = await app.page.locator('.validation-name').allTextContents();
    assert.deepEqual(headline, ['Validation', 'Validation']);
  });

  test('validation and test accuracies are percentages above 90%', async () => {
    const validation = parsePercent(await byTestId(app.page, 'val-accuracy').textContent(), 'val-accuracy');
    const testAccuracy = parsePercent(
      await byTestId(app.page, 'test-accuracy').textContent(),
      'test-accuracy',
    );
    assert.ok(validation > 90, `validation accuracy ${validation}%`);
    assert.ok(testAccuracy > 90, `test accuracy ${testAccuracy}%`);
    const [done] = await received(app.page, 'done');
    assert.ok(
      Math.abs(done.testAccuracy * 100 - testAccuracy) < 0.01,
      `shown ${testAccuracy}% = DONE ${done.testAccuracy}`,
    );
    assert.match(await app.page.locator('#model-line').textContent(), /final test accuracy \d+\.\d+%/);
  });
});

describe('pause and resume', () => {
  const app = useApp(suite);

  test('Pause stops the batches, Resume goes on, Reset ends the run', async () => {
    await startRun(app.page, { epochs: 40 });
    assert.equal((await status(app.page)).state, 'training');
    await app.page.waitForFunction(
      () => /^[1-9]/.test(document.getElementById('metric-batch').textContent),
      null,
      { timeout: 20_000 },
    );

    await byTestId(app.page, 'train-pause').click();
    await waitForState(app.page, 'paused', { timeout: 5000 });
    assert.equal((await byTestId(app.page, 'train-pause').textContent()).trim(), 'Resume');
    await waitForAnswers(app.page); // the pause has been answered: no slice is in flight
    const paused = await counters(app.page);
    const progressCount = (await received(app.page, 'progress')).length;
    // Had it gone on training, a slice would report before each of these round trips came back.
    await roundTrip(app.page);
    await roundTrip(app.page);
    assert.deepEqual(await counters(app.page), paused, 'the batch counter stands still while paused');
    assert.equal((await received(app.page, 'progress')).length, progressCount, 'no progress while paused');
    assert.equal((await status(app.page)).state, 'paused');

    await byTestId(app.page, 'train-pause').click();
    await waitForState(app.page, 'training', { timeout: 5000 });
    await app.page.waitForFunction(
      (before) =>
        document.getElementById('metric-batch').textContent !== before.batch ||
        document.getElementById('metric-epoch').textContent !== before.epoch,
      paused,
      { timeout: 10_000 },
    );
    assert.equal((await byTestId(app.page, 'train-pause').textContent()).trim(), 'Pause');

    await byTestId(app.page, 'train-reset').click();
    await waitForState(app.page, 'ready', { timeout: 10_000 });
    assert.equal(await byTestId(app.page, 'train-start').isEnabled(), true, 'Start works again after Reset');
    assert.equal((await byTestId(app.page, 'val-accuracy').textContent()).trim(), '–', 'the run was cleared');
  });

  test('the pad classifies while the network trains', async () => {
    await startRun(app.page, { epochs: 40 });
    const answer = await drawAndClassify(app.page, DIGITS[1]);
    assert.match(answer.digit, /^\d$/, `a digit was read during training: ${JSON.stringify(answer)}`);
    assert.equal((await status(app.page)).state, 'training', 'still training');
    // While training, the drawing is read again as the weights change.
    const again = await waitForPrediction(app.page, answer.seq, { timeout: 10_000 });
    assert.ok(again.seq > answer.seq);
    const seqBeforeReset = (await prediction(app.page)).seq;
    await byTestId(app.page, 'train-reset').click();
    await waitForState(app.page, 'ready', { timeout: 10_000 });
    // Reset brings the model from before the run back, and the drawing is read with it.
    const afterReset = await waitForPrediction(app.page, seqBeforeReset, { timeout: 10_000 });
    assert.match(afterReset.digit, /^\d$/, `the drawing is read after Reset: ${JSON.stringify(afterReset)}`);
  });
});

test(
  "the seed preset (the tutorial's sigmoid/MSE network) also learns",
  { timeout: RUN_TIMEOUT + 60_000 },
  async () => {
    const context = await newContext(suite.browser);
    try {
      const page = await openApp(context, suite.site.url);
      await trainRun(page, { preset: 'seed', epochs: 1 });
      const accuracy = parsePercent(await byTestId(page, 'test-accuracy').textContent(), 'test-accuracy');
      assert.ok(accuracy > 50, `the seed preset learns something in one epoch: ${accuracy}%`);
    } finally {
      await context.close();
    }
  },
);
