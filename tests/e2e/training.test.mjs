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
  RUN_TIMEOUT,
  startRun,
  status,
  trainRun,
  waitForState,
  waitForPrediction,
  prediction,
} from './support/app.mjs';
import { useApp, useSite } from './support/suite.mjs';

const suite = useSite();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The status strip's batch counter ("123 / 797") and epoch ("1 / 30"). */
async function counters(page) {
  return page.evaluate(() => ({
    batch: document.getElementById('metric-batch').textContent,
    epoch: document.getElementById('metric-epoch').textContent,
  }));
}

describe('a short mlp run', () => {
  const app = useApp(suite);
  let frames;
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
    await app.page.evaluate(() => window.__e2e.startFrameWatch());
    const t0 = await app.page.evaluate(() => performance.now());
    await trainRun(app.page, { epochs: 2 });
    frames = await app.page.evaluate(() => window.__e2e.stopFrameWatch());
    longTasks = await app.page.evaluate(
      (start) => window.__e2e.longTasks.filter((t) => t.start >= start),
      t0,
    );
    t.diagnostic(`frames ${JSON.stringify(frames)}; long tasks while training ${JSON.stringify(longTasks)}`);
    const epochs = await received(app.page, 'epoch');
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [1, 2],
      'one EPOCH message per epoch',
    );
    assert.equal((await received(app.page, 'done')).length, 1, 'one DONE message');
    assert.match((await status(app.page)).message, /Finished: \d+\.\d+% of the 10,000 test digits/);
  });

  // The issue asks for no long task over 50 ms; this machine is shared (2 cores, other builds and
  // test runs beside this one), so the bounds are generous: training on the main thread would
  // still stop the frames for the whole run (seconds), far past them.
  test('requestAnimationFrame kept ticking while it trained', () => {
    assert.ok(frames, 'the frame watch ran');
    assert.ok(frames.frames >= 10, `at least 10 frames during the run: ${JSON.stringify(frames)}`);
    assert.ok(
      frames.frames / frames.seconds >= 10,
      `at least 10 frames per second: ${JSON.stringify(frames)}`,
    );
    assert.ok(frames.p95Gap < 100, `95% of the frames came within 100 ms: ${JSON.stringify(frames)}`);
    assert.ok(frames.maxGap < 500, `the longest gap between frames was ${frames.maxGap.toFixed(0)} ms`);
    const worst = Math.max(0, ...longTasks.map((t) => t.duration));
    assert.ok(worst < 500, `a long task of ${worst} ms on the main thread while training`);
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
    await sleep(150); // a slice in flight may still report
    const paused = await counters(app.page);
    const progressCount = (await received(app.page, 'progress')).length;
    await sleep(600);
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
