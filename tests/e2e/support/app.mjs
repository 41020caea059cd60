// Helpers that drive the page through its data-testid hooks (see README: "Stable hooks").
import assert from 'node:assert/strict';

export const LEGAL_STATES = ['loading', 'ready', 'training', 'paused', 'done', 'error'];
/** Loading the wasm module and the 11 MB of MNIST data, on a busy shared machine. */
export const LOAD_TIMEOUT = 120_000;
/** A 1-2 epoch mlp run (about a second an epoch, plus evaluation), with room to spare. */
export const RUN_TIMEOUT = 120_000;

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** The status element's data-state and the sentence beside it. */
export async function status(page) {
  return page.evaluate(() => {
    const element = document.querySelector('[data-testid="status"]');
    return {
      state: element?.dataset.state ?? null,
      message: document.getElementById('status-message')?.textContent ?? '',
    };
  });
}

/**
 * Waits until the status data-state is one of `states`; fails with the state and message shown.
 * @param {import('playwright-core').Page} page
 * @param {string|string[]} states
 */
export async function waitForState(page, states, { timeout = LOAD_TIMEOUT } = {}) {
  const wanted = [].concat(states);
  try {
    await page.waitForFunction(
      (list) => list.includes(document.querySelector('[data-testid="status"]')?.dataset.state),
      wanted,
      { timeout, polling: 50 },
    );
  } catch (error) {
    const now = await status(page).catch(() => ({ state: '?', message: '?' }));
    throw new Error(
      `waited ${timeout / 1000} s for state ${wanted.join('|')}, the page shows ` +
        `'${now.state}': "${now.message}" (${error.message.split('\n')[0]})`,
    );
  }
  return (await status(page)).state;
}

/** Opens the site in a new page of `context` and waits until it is ready to train. */
export async function openApp(context, url, { state = 'ready' } = {}) {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    page.__errors = page.__errors || [];
    page.__errors.push(error.message);
  });
  await page.goto(url);
  await waitForState(page, state);
  return page;
}

/** Sets a settings field (by element id, e.g. 'learningRate', or 'epochs'). */
export async function setField(page, id, value) {
  const field = page.locator(`#${id}`);
  const tag = await field.evaluate((element) => element.tagName);
  if (tag === 'SELECT') await field.selectOption(String(value));
  else await field.fill(String(value));
}

/** Waits until Start is enabled (the core checked the settings). */
export async function waitStartEnabled(page, timeout = 15_000) {
  await byTestId(page, 'train-start').waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.querySelector('[data-testid="train-start"]').disabled, null, {
    timeout,
  });
}

/** How many messages of a type (and, for STATE, of a state) the page has received. */
async function countReceived(page, type, state) {
  return page.evaluate(
    ([t, st]) =>
      window.__e2e.received.filter((m) => m.type === t && (st === undefined || m.state === st)).length,
    [type, state],
  );
}

/**
 * Chooses a preset with `epochs` and other settings (by field id), presses Start and waits until
 * the worker reports the new run (STATE training), or refuses it (ERROR). The state shown before
 * (say 'done' from the last run) does not count.
 */
export async function startRun(page, { epochs = 1, preset = 'mlp', settings = {} } = {}) {
  await byTestId(page, 'preset').selectOption(preset);
  await byTestId(page, 'epochs').fill(String(epochs));
  for (const [id, value] of Object.entries(settings)) await setField(page, id, value);
  await waitStartEnabled(page);
  const training = await countReceived(page, 'state', 'training');
  const errors = await countReceived(page, 'error');
  await byTestId(page, 'train-start').click();
  try {
    await page.waitForFunction(
      ([n, e]) => {
        const received = window.__e2e.received;
        return (
          received.filter((m) => m.type === 'state' && m.state === 'training').length > n ||
          received.filter((m) => m.type === 'error').length > e
        );
      },
      [training, errors],
      { timeout: 30_000, polling: 50 },
    );
  } catch (error) {
    const now = await status(page);
    throw new Error(`the run did not start within 30 s: '${now.state}' "${now.message}"`);
  }
  return waitForState(page, LEGAL_STATES, { timeout: 1000 });
}

/** A whole short run: start, then wait for its DONE (the state alone may be an older run's). */
export async function trainRun(page, options = {}) {
  const done = await countReceived(page, 'done');
  const errors = await countReceived(page, 'error');
  await startRun(page, options);
  await page
    .waitForFunction(
      ([d, e]) => {
        const received = window.__e2e.received;
        return (
          received.filter((m) => m.type === 'done').length > d ||
          received.filter((m) => m.type === 'error').length > e
        );
      },
      [done, errors],
      { timeout: RUN_TIMEOUT, polling: 100 },
    )
    .catch(() => {});
  const state = await waitForState(page, ['done', 'error'], { timeout: 10_000 });
  assert.equal(state, 'done', `the run ended in '${state}': ${(await status(page)).message}`);
}

/**
 * Waits until the worker has answered every call the page made to it (the page's state then
 * follows from everything it asked): what a test checks after this cannot still change because of
 * a call in flight. Not for a page whose worker was replaced (its calls are never answered).
 */
export async function waitForAnswers(page, { timeout = 30_000 } = {}) {
  await page.waitForFunction(
    () => {
      const answered = new Set(window.__e2e.received.filter((m) => m.id !== undefined).map((m) => m.id));
      return window.__e2e.sent.every((m) => m.type === 'cancel' || m.id === undefined || answered.has(m.id));
    },
    null,
    { timeout, polling: 20 },
  );
}

/**
 * A round trip through the worker: a call it answers after everything it was doing (a slice of
 * training in progress posts its progress first). `type` must change nothing (e.g. 'pause' while
 * paused).
 */
export async function roundTrip(page, type = 'pause') {
  const id = await page.evaluate((t) => window.__e2e.callWorker(t, {}), type);
  await page.waitForFunction((call) => window.__e2e.received.some((m) => m.id === call), id, { polling: 20 });
}

/** Messages the page received from its workers, optionally of one type (see instruments.mjs). */
export async function received(page, type) {
  return page.evaluate((t) => window.__e2e.received.filter((m) => !t || m.type === t), type);
}

export async function sent(page, type) {
  return page.evaluate((t) => window.__e2e.sent.filter((m) => !t || m.type === t), type);
}

/** The prediction element's data-digit and data-seq. */
export async function prediction(page) {
  return byTestId(page, 'prediction').evaluate((element) => ({
    digit: element.dataset.digit,
    seq: Number(element.dataset.seq),
    text: document.getElementById('prediction-text')?.textContent ?? '',
  }));
}

/**
 * Waits until data-seq passes `afterSeq`; returns the prediction then. With `settled`, also until
 * no answer is awaited: the reading of the drawing as it is now. (The page shows the answer to the
 * latest stroke only, so when a stroke ends before the answer to the one before comes back, as on a
 * loaded machine, two strokes get one classification.)
 */
export async function waitForPrediction(page, afterSeq, { timeout = 20_000, settled = false } = {}) {
  try {
    await page.waitForFunction(
      ([seq, mustSettle]) => {
        const element = document.querySelector('[data-testid="prediction"]');
        const busy = element.getAttribute('aria-busy') === 'true';
        return Number(element.dataset.seq) > seq && !(mustSettle && busy);
      },
      [afterSeq, settled],
      { timeout, polling: 50 },
    );
  } catch (error) {
    const now = await prediction(page);
    throw new Error(
      `no ${settled ? 'settled ' : ''}classification after seq ${afterSeq} within ` +
        `${timeout / 1000} s (data-seq=${now.seq}, "${now.text}")`,
    );
  }
  return prediction(page);
}

/** Strokes in pad units (0..1), one array of points per stroke. */
export const DIGITS = {
  // A slightly slanted vertical bar.
  1: [
    [
      [0.52, 0.15],
      [0.5, 0.35],
      [0.48, 0.55],
      [0.46, 0.85],
    ],
  ],
  // A top bar, then a diagonal down to the bottom left.
  7: [
    [
      [0.25, 0.2],
      [0.5, 0.2],
      [0.75, 0.2],
      [0.62, 0.45],
      [0.5, 0.65],
      [0.4, 0.85],
    ],
  ],
  // An ellipse.
  0: [
    Array.from({ length: 25 }, (_, i) => {
      const a = (i / 24) * 2 * Math.PI;
      return [0.5 + 0.2 * Math.sin(a), 0.5 - 0.32 * Math.cos(a)];
    }),
  ],
};

/** Interpolates a stroke so each step is small (a real pointer sends many moves). */
function densify(points, steps = 6) {
  const out = [points[0]];
  for (let i = 1; i < points.length; i += 1) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    for (let s = 1; s <= steps; s += 1)
      out.push([x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps]);
  }
  return out;
}

/** The pad's box on the page (CSS pixels); fails when the pad is not on screen. */
export async function padBox(page) {
  const pad = byTestId(page, 'pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  assert.ok(box && box.width > 50 && box.height > 50, `the pad is not drawable: box ${JSON.stringify(box)}`);
  return box;
}

/** Draws strokes (pad units) with mouse moves; each stroke's end is one classification. */
export async function drawDigit(page, strokes = DIGITS[7]) {
  const box = await padBox(page);
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  for (const stroke of strokes) {
    const points = densify(stroke).map(at);
    await page.mouse.move(...points[0]);
    await page.mouse.down();
    for (const point of points.slice(1)) await page.mouse.move(...point, { steps: 2 });
    await page.mouse.up();
  }
}

/** Draws a digit and waits for the classification of its last stroke. */
export async function drawAndClassify(page, strokes = DIGITS[7]) {
  const before = (await prediction(page)).seq;
  await drawDigit(page, strokes);
  return waitForPrediction(page, before, { settled: true });
}

/** Clears the pad and checks the prediction is empty. */
export async function clearPad(page) {
  await byTestId(page, 'clear').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="prediction"]').dataset.digit === '',
    null,
    { timeout: 5000 },
  );
}

/** Text like "97.31%" -> 97.31; fails on anything else. */
export function parsePercent(text, what) {
  const match = /^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$/.exec(text);
  assert.ok(match, `${what} should be a percentage, got '${text}'`);
  const value = Number(match[1]);
  assert.ok(value >= 0 && value <= 100, `${what} out of range: ${text}`);
  return value;
}

/** Pixels with any ink on a canvas (by data-testid or a locator), via its 2D context. */
export async function inkedPixels(locator) {
  return locator.evaluate((canvas) => {
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count += 1;
    return count;
  });
}
