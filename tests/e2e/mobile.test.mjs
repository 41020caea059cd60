// Issue 6: works on a phone. At 390 x 844 with touch, the layout fits the width, a finger drawing
// on the pad is classified (Pointer Events of type touch) without scrolling the page, also while
// the network trains; a swipe elsewhere still scrolls (the control that shows scrolling is seen).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  byTestId,
  clearPad,
  DIGITS,
  prediction,
  startRun,
  waitForPrediction,
  waitForState,
} from './support/app.mjs';
import { seriousViolations } from './support/axe.mjs';
import { useSite } from './support/suite.mjs';

let cdp;
const app = useSite({
  openApp: true,
  context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  afterOpen: async ({ context, page }) => {
    cdp = await context.newCDPSession(page);
    await page.evaluate(() => {
      window.__pointerTypes = new Set();
      document
        .querySelector('[data-testid="pad"]')
        .addEventListener('pointerdown', (e) => window.__pointerTypes.add(e.pointerType));
    });
  },
});

/** A one-finger gesture through the browser's input pipeline (as a real touchscreen sends). */
async function swipe(points) {
  const touch = ([x, y]) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: touch(points[0]) });
  for (const point of points.slice(1)) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touch(point) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Two animation frames: what a gesture scrolled has been laid out and painted by then. */
const twoFrames = () =>
  app.page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );

/** Draws strokes (pad units) with a finger; returns the scroll position before and after, the
 *  latter once the drawing was classified (the last stroke's end is over by then). */
async function drawWithFinger(strokes) {
  const pad = byTestId(app.page, 'pad');
  await pad.scrollIntoViewIfNeeded();
  await twoFrames();
  const seq = (await prediction(app.page)).seq;
  const box = await pad.boundingBox();
  const before = await app.page.evaluate(() => [window.scrollX, window.scrollY]);
  for (const stroke of strokes) {
    const points = [];
    for (let i = 1; i < stroke.length; i += 1) {
      for (let s = 0; s < 8; s += 1) {
        const t = s / 8;
        points.push([
          stroke[i - 1][0] + (stroke[i][0] - stroke[i - 1][0]) * t,
          stroke[i - 1][1] + (stroke[i][1] - stroke[i - 1][1]) * t,
        ]);
      }
    }
    points.push(stroke[stroke.length - 1]);
    await swipe(points.map(([x, y]) => [box.x + x * box.width, box.y + y * box.height]));
  }
  await waitForPrediction(app.page, seq, { settled: true });
  await twoFrames();
  const afterScroll = await app.page.evaluate(() => [window.scrollX, window.scrollY]);
  return { before, after: afterScroll };
}

test('the layout fits a 390 px wide screen', async () => {
  const widths = await app.page.evaluate(() => ({
    viewport: window.innerWidth,
    document: document.documentElement.scrollWidth,
  }));
  assert.equal(widths.viewport, 390);
  assert.ok(
    widths.document <= widths.viewport,
    `no horizontal scrolling: the page is ${widths.document} px wide`,
  );
  const box = await byTestId(app.page, 'pad').boundingBox();
  assert.ok(
    box.width >= 200 && box.width <= 390,
    `the pad fits and is big enough for a finger: ${box.width} px`,
  );
  for (const id of ['train-start', 'train-pause', 'train-reset', 'clear']) {
    const b = await byTestId(app.page, id).boundingBox();
    assert.ok(b && b.x >= 0 && b.x + b.width <= 390, `${id} is on screen: ${JSON.stringify(b)}`);
    assert.ok(b.height >= 24, `${id} is big enough to tap: ${b.height} px`);
  }
});

test("the model panel's layer list wraps between layers, never inside one", async () => {
  await app.page.waitForFunction(() =>
    document.querySelector('#model-description').textContent.includes(','),
  );
  const lines = await app.page.evaluate(() => {
    const description = document.querySelector('#model-description');
    description.style.width = '9em'; // narrower than the list: it must wrap somewhere
    // Every word (a layer, or a word of the text around the list) and the line tops it covers.
    const words = [];
    for (const node of description.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const match of node.data.matchAll(/[^\s,]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        words.push([match[0], [...new Set([...range.getClientRects()].map((r) => Math.round(r.top)))]]);
      }
    }
    description.style.width = '';
    return { text: description.textContent, words };
  });
  const layers = lines.words.filter(([word]) => /^(conv|pool|fc)/.test(word));
  assert.ok(layers.length >= 6, `the shipped CNN's layers: ${JSON.stringify(lines)}`);
  assert.ok(new Set(layers.map(([, tops]) => tops[0])).size > 1, `it wraps at 9em: ${JSON.stringify(lines)}`);
  for (const [word, tops] of lines.words)
    assert.equal(tops.length, 1, `"${word}" is on one line: ${lines.text}`);
});

test('the pad and the charts come first; the full settings fold behind the preset and Start', async () => {
  const top = (selector) =>
    app.page.locator(selector).evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
  const pad = await top('[data-testid="pad"]');
  const charts = await top('[data-testid="loss-chart"]');
  const start = await top('[data-testid="train-start"]');
  assert.ok(pad < charts && charts < start, `pad ${pad}, charts ${charts}, then Start ${start}`);
  assert.equal(await app.page.locator('#settings-more').evaluate((details) => details.open), false, 'folded');
  for (const id of ['preset', 'epochs', 'train-start']) {
    assert.equal(await byTestId(app.page, id).isVisible(), true, `${id} stays in view of the folded form`);
  }
  assert.equal(await app.page.locator('#learningRate').isVisible(), false, 'the rest of the form is folded');
  assert.equal(
    await app.page.locator('#shortcuts').isVisible(),
    false,
    'no keyboard hints on a touch screen',
  );
});

test('no serious or critical accessibility violation on a phone', async () => {
  assert.deepEqual(await seriousViolations(app.page), []);
});

test('a finger drawing on the pad is classified and does not scroll the page', async () => {
  const seq = (await prediction(app.page)).seq;
  const scroll = await drawWithFinger(DIGITS[1]);
  const answer = await waitForPrediction(app.page, seq);
  assert.match(answer.digit, /^[0-9]$/, `a digit was read: ${JSON.stringify(answer)}`);
  assert.equal(answer.digit, '1', `a finger-drawn 1 is read as 1 ("${answer.text}")`);
  assert.deepEqual(
    await app.page.evaluate(() => [...window.__pointerTypes]),
    ['touch'],
    'the pad saw touch pointers',
  );
  assert.deepEqual(scroll.after, scroll.before, 'drawing did not scroll the page');
});

test('a swipe outside the pad does scroll the page (the control)', async () => {
  await app.page.evaluate(() => window.scrollTo(0, 0));
  await twoFrames();
  const heading = await app.page.locator('h1').boundingBox();
  const x = 20;
  const y = Math.max(heading.y + heading.height / 2, 100);
  const points = Array.from({ length: 12 }, (_, i) => [x, y + 300 - i * 25]);
  await swipe(points);
  await app.page.waitForFunction(() => window.scrollY > 50, null, { timeout: 10_000 }).catch(() => {});
  const scrollY = await app.page.evaluate(() => window.scrollY);
  assert.ok(scrollY > 50, `the page scrolled under a swipe: ${scrollY}`);
});

test('drawing works by touch while the network trains', async () => {
  await startRun(app.page, { epochs: 20 });
  await clearPad(app.page);
  const seq = (await prediction(app.page)).seq;
  const scroll = await drawWithFinger(DIGITS[7]);
  const answer = await waitForPrediction(app.page, seq);
  assert.match(answer.digit, /^[0-9]$/, 'a digit was read during training');
  assert.deepEqual(scroll.after, scroll.before, 'drawing during training did not scroll the page');
  assert.equal(await byTestId(app.page, 'status').getAttribute('data-state'), 'training');
  await byTestId(app.page, 'train-pause').tap();
  await waitForState(app.page, 'paused', { timeout: 5000 });
  await byTestId(app.page, 'train-reset').tap();
  await waitForState(app.page, 'ready', { timeout: 10_000 });
});
