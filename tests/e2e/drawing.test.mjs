// Issue 3: the drawing pad. Mouse strokes are classified at the end of every stroke with the
// current model (the pretrained one before any run), Clear empties the pad and the prediction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  byTestId,
  clearPad,
  DIGITS,
  drawAndClassify,
  drawDigit,
  inkedPixels,
  prediction,
  received,
  waitForPrediction,
} from './support/app.mjs';
import { useSite } from './support/suite.mjs';

const app = useSite({ openApp: true });

test('before any drawing the prediction is empty', async () => {
  const now = await prediction(app.page);
  assert.equal(now.digit, '');
  assert.equal(now.seq, 0);
  assert.equal(await inkedPixels(byTestId(app.page, 'pad')), 0, 'the pad starts blank');
});

test('a drawn digit is classified at the end of the stroke', async () => {
  const before = await prediction(app.page);
  const answer = await drawAndClassify(app.page, DIGITS[7]);
  assert.match(answer.digit, /^[0-9]$/, `data-digit is a digit: ${JSON.stringify(answer)}`);
  assert.equal(answer.seq, before.seq + 1, 'data-seq rose by one for one stroke');
  assert.ok((await inkedPixels(byTestId(app.page, 'pad'))) > 500, 'the stroke is on the pad');
  // The 28 x 28 image the network saw has ink (white on black: some bright pixels).
  const bright = await app.page.locator('#seen').evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, 28, 28);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 128) n += 1;
    return n;
  });
  assert.ok(bright > 20 && bright < 400, `the 28 x 28 input shows the digit (${bright} bright pixels)`);
  const probabilities = await app.page.locator('#probabilities .probability-value').allTextContents();
  assert.equal(probabilities.length, 10, 'a probability for each digit');
  const sum = probabilities.reduce((s, text) => s + Number.parseFloat(text), 0);
  assert.ok(Math.abs(sum - 100) < 2, `the probabilities add up to 100%: ${probabilities.join(' ')}`);
});

test('Clear empties the pad and the prediction', async () => {
  const seq = (await prediction(app.page)).seq;
  await clearPad(app.page);
  const now = await prediction(app.page);
  assert.equal(now.digit, '', 'data-digit is empty after Clear');
  assert.equal(now.seq, seq, 'Clear is not a classification');
  assert.equal(await inkedPixels(byTestId(app.page, 'pad')), 0, 'the pad is blank again');
});

test('the pretrained model reads clear digits (1, 7, 0)', async () => {
  for (const digit of ['1', '7', '0']) {
    await clearPad(app.page);
    const answer = await drawAndClassify(app.page, DIGITS[digit]);
    assert.equal(answer.digit, digit, `a drawn ${digit} was read as ${answer.digit} ("${answer.text}")`);
  }
  const model = (await received(app.page, 'model')).at(-1)?.model;
  assert.equal(model?.source, 'pretrained', 'the pad used the pretrained model');
});

test('each stroke is one classification; the last one is shown', async () => {
  await clearPad(app.page);
  const before = (await prediction(app.page)).seq;
  // A 4 drawn in two strokes, the second once the first is read (a stroke that ends before the
  // answer to the one before comes back supersedes it: see waitForPrediction).
  await drawDigit(app.page, [
    [
      [0.35, 0.15],
      [0.3, 0.55],
      [0.7, 0.55],
    ],
  ]);
  const first = await waitForPrediction(app.page, before, { settled: true });
  assert.equal(first.seq, before + 1, 'the first stroke, one classification');
  await drawDigit(app.page, [
    [
      [0.6, 0.3],
      [0.6, 0.9],
    ],
  ]);
  const answer = await waitForPrediction(app.page, first.seq, { settled: true });
  assert.equal(answer.seq, before + 2, 'two strokes, two classifications');
  assert.match(answer.digit, /^[0-9]$/);
});

test('the C key clears the pad', async () => {
  await clearPad(app.page);
  await drawAndClassify(app.page, DIGITS[1]);
  await app.page.locator('body').click({ position: { x: 5, y: 5 } }); // focus off the pad and fields
  await app.page.keyboard.press('c');
  await app.page.waitForFunction(
    () => document.querySelector('[data-testid="prediction"]').dataset.digit === '',
    null,
    { timeout: 5000 },
  );
  assert.equal(await inkedPixels(byTestId(app.page, 'pad')), 0, 'C cleared the pad');
});

test('a right-click does not draw', async () => {
  await clearPad(app.page);
  const box = await byTestId(app.page, 'pad').boundingBox();
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
  await app.page.mouse.down({ button: 'right' });
  await app.page.mouse.move(box.x + box.width / 2, box.y + (2 * box.height) / 3, { steps: 8 });
  await app.page.mouse.up({ button: 'right' });
  assert.equal(await inkedPixels(byTestId(app.page, 'pad')), 0, 'no ink from the right button');
  assert.equal((await prediction(app.page)).digit, '');
});
