// Issue 6: look inside the model. The confusion matrix of the test set (confusion-matrix) sums to
// the test set's size, the gallery of misread test digits (misclassified) shows items, the first
// layer's weights (weights) are drawn as tiles and change while the network trains, and the run
// comparison (runs) keeps every run of the session.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTestId, parsePercent, received, startRun, trainRun, waitForState } from './support/app.mjs';
import { canvasHash, imagesWhileTraining } from './support/canvas.mjs';
import { useSite } from './support/suite.mjs';

const app = useSite({ openApp: true });

/** MNIST's test set: how many of each digit. */
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

/** The confusion matrix's counts, read from its cells (data-count), as rows of numbers. */
async function confusionCounts() {
  const table = byTestId(app.page, 'confusion-matrix');
  await table.waitFor({ state: 'visible', timeout: 30_000 });
  return table.evaluate((element) =>
    [...element.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('[data-count]')].map((cell) => Number(cell.dataset.count)),
    ),
  );
}

function checkMatrix(rows, what) {
  assert.equal(rows.length, 10, `${what}: ten rows (true labels)`);
  for (const row of rows) assert.equal(row.length, 10, `${what}: ten counts a row`);
  const total = rows.flat().reduce((a, b) => a + b, 0);
  assert.equal(total, 10_000, `${what}: the counts sum to the test set's size`);
  assert.deepEqual(
    rows.map((row) => row.reduce((a, b) => a + b, 0)),
    TEST_COUNTS,
    `${what}: each row sums to that digit's count`,
  );
  return rows.reduce((sum, row, i) => sum + row[i], 0);
}

test("the pretrained model's confusion matrix is shown once the data is loaded", async () => {
  const correct = checkMatrix(await confusionCounts(), 'pretrained');
  assert.ok(correct > 9000, `the pretrained model reads over 90% of the test set: ${correct}`);
});

test('the weights are drawn as tiles and change while the network trains', async () => {
  const weights = byTestId(app.page, 'weights');
  // The tiles are streamed while their panel is on screen: scroll to it (the canvas itself is
  // hidden until the first weights arrive).
  const showPanel = () =>
    weights.evaluate((canvas) => (canvas.closest('section') || canvas.parentElement).scrollIntoView());
  await showPanel();
  // The shipped model is convolutional: its first convolution's filters are the tiles (a fully
  // connected one would show 28 x 28 tiles of its first layer).
  await weights.waitFor({ state: 'visible', timeout: 10_000 });
  const figures = await byTestId(app.page, 'model-figures').textContent();
  const kind = /convolutional/.test(figures) ? 'conv2d' : 'dense';
  assert.equal(await weights.getAttribute('data-kind'), kind, `the tiles are the ${kind} layer's`);
  const weightsBefore = (await received(app.page, 'weights')).length;
  await startRun(app.page, { epochs: 6 });
  await showPanel();
  // The run's mlp: 128 hidden units as 28 x 28 tiles, 1 pixel apart (once its first weights have
  // replaced the shipped CNN's filters).
  await weights.waitFor({ state: 'visible', timeout: 10_000 });
  await app.page.waitForFunction(
    () => document.querySelector('[data-testid="weights"]')?.getAttribute('data-kind') === 'dense',
    null,
    { timeout: 15_000 },
  );
  const before = await canvasHash(weights);
  assert.ok(before, "the run's weights are drawn");
  const { width, height } = await weights.evaluate((c) => ({ width: c.width, height: c.height }));
  assert.ok(
    width >= 28 && height >= 28 && (width + 1) % 29 === 0 && (height + 1) % 29 === 0,
    `the canvas is a grid of 28 x 28 tiles: ${width} x ${height}`,
  );
  const tiles = ((width + 1) / 29) * ((height + 1) / 29);
  assert.ok(tiles >= 128 && tiles < 128 + (width + 1) / 29, `one tile per hidden unit (128): ${tiles} slots`);
  // Every frame, while the run trains, the tiles' pixels are hashed: two new images mean the
  // tiles followed the weights as they changed.
  const seen = await imagesWhileTraining(app.page, 'weights', before);
  const during = (await received(app.page, 'weights')).length - weightsBefore;
  assert.ok(during >= 2, `weights arrived during training: ${during}`);
  assert.ok(seen >= 3, `the tiles were redrawn with new weights during training (${seen - 1} new images)`);
  await waitForState(app.page, ['done', 'error'], { timeout: 120_000 });
  assert.equal(await byTestId(app.page, 'status').getAttribute('data-state'), 'done');
});

test("after the run, the confusion matrix is the run's: it sums to 10,000 and matches its accuracy", async () => {
  const [done] = (await received(app.page, 'done')).slice(-1);
  await app.page
    .waitForFunction(
      (expected) => {
        const cells = [...document.querySelectorAll('[data-testid="confusion-matrix"] tbody tr')].map(
          (row, i) => Number(row.querySelectorAll('[data-count]')[i]?.dataset.count),
        );
        return cells.length === 10 && cells.reduce((a, b) => a + b, 0) === expected;
      },
      Math.round(done.testAccuracy * 10_000),
      { timeout: 15_000 },
    )
    .catch(() => {});
  const correct = checkMatrix(await confusionCounts(), 'after the run');
  assert.equal(correct, Math.round(done.testAccuracy * 10_000), "the diagonal is the run's test accuracy");
  const shown = parsePercent(await byTestId(app.page, 'test-accuracy').textContent(), 'test-accuracy');
  assert.ok(
    Math.abs(correct / 100 - shown) < 0.006,
    `the diagonal ${correct} agrees with the test accuracy shown, ${shown}%`,
  );
});

test('the misclassified gallery shows misread test digits with their labels', async () => {
  const gallery = byTestId(app.page, 'misclassified');
  await gallery.scrollIntoViewIfNeeded();
  const items = await gallery.evaluate((list) =>
    [...list.children].map((item) => {
      const canvas = item.querySelector('canvas, img');
      let ink = 0;
      if (canvas && canvas.getContext) {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) if (data[i] > 100) ink += 1;
      }
      return {
        text: item.textContent.trim(),
        hasImage: Boolean(canvas),
        ink,
        label: canvas?.getAttribute('aria-label') || '',
      };
    }),
  );
  const wrong = 10_000 - Math.round((await received(app.page, 'done')).at(-1).testAccuracy * 10_000);
  assert.ok(items.length > 0, 'the gallery has items');
  assert.equal(items.length, Math.min(60, wrong), `as many items as mistakes, at most 60 (${wrong} misread)`);
  for (const item of items.slice(0, 10)) {
    assert.ok(item.hasImage, `each item shows the image: ${item.text}`);
    assert.ok(item.ink > 10, `the image shows a digit: ${item.ink} bright pixels`);
    const match = /true (\d).*read (\d) \((\d+)%\)/.exec(item.text);
    assert.ok(match, `each item gives the true label, the predicted one and the confidence: "${item.text}"`);
    assert.notEqual(match[1], match[2], `a misread digit has two different labels: "${item.text}"`);
  }
});

test('the run comparison keeps every run of the session', async () => {
  const runs = byTestId(app.page, 'runs');
  await trainRun(app.page, { epochs: 1, settings: { batchSize: 128 } });
  await runs.scrollIntoViewIfNeeded();
  const rows = await runs
    .locator('#runs-table-body tr')
    .evaluateAll((list) => list.map((row) => row.textContent.replace(/\s+/g, ' ').trim()));
  assert.equal(rows.length, 2, `two runs listed: ${JSON.stringify(rows)}`);
  for (const row of rows) assert.match(row, /\d+\.\d+%/, `each finished run shows its accuracy: "${row}"`);
  assert.match(
    rows.join(' '),
    /128/,
    `the legend tells the runs apart by their settings: ${JSON.stringify(rows)}`,
  );
  const curves = await runs.locator('canvas').count();
  assert.ok(curves >= 1, 'the overlaid charts are drawn');
});
