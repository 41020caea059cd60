// Issue 13: teach it your handwriting. Digits drawn on the pad as mouse strokes are labelled with
// the row under it (teach-label, by button and by key), kept in IndexedDB across a reload, shown
// in the "Your digits" panel (your-digits, data-count), exported as an IDX pair (digits-export)
// and imported back (digits-import; a corrupt or oversized pair is refused and nothing is lost);
// "Teach it" (teach-start) fine-tunes the model like any run and reports held-out and MNIST
// accuracy before and after (teach-result); the fine-tuned model is named so and kept.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { seriousViolations } from './support/axe.mjs';
import { seriesPixels } from './support/charts.mjs';
import {
  byTestId,
  drawDigit,
  prediction,
  received,
  RUN_TIMEOUT,
  waitForPrediction,
  waitForState,
} from './support/app.mjs';
import { useSite } from './support/suite.mjs';

const app = useSite({ openApp: true, context: { acceptDownloads: true } });
const PER_CLASS = 5; // the fewest fine-tuning takes (MIN_PER_CLASS)
let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-e2e-teach-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A stroke around an ellipse (pad units), from angle a0 to a1 (0 = top, clockwise). */
const arc = (cx, cy, rx, ry, a0, a1, n = 16) =>
  Array.from({ length: n + 1 }, (_, i) => {
    const a = a0 + ((a1 - a0) * i) / n;
    return [cx + rx * Math.sin(a), cy - ry * Math.cos(a)];
  });

/** Each digit as strokes in pad units, roughly as a person writes it. */
const SHAPES = {
  0: [arc(0.5, 0.5, 0.2, 0.32, 0, 2 * Math.PI, 24)],
  1: [
    [
      [0.52, 0.15],
      [0.5, 0.5],
      [0.47, 0.85],
    ],
  ],
  2: [
    [
      [0.3, 0.3],
      [0.4, 0.18],
      [0.6, 0.18],
      [0.68, 0.32],
      [0.6, 0.5],
      [0.3, 0.82],
      [0.72, 0.82],
    ],
  ],
  3: [
    [
      [0.3, 0.2],
      [0.6, 0.18],
      [0.68, 0.32],
      [0.5, 0.48],
      [0.68, 0.62],
      [0.62, 0.8],
      [0.3, 0.82],
    ],
  ],
  4: [
    [
      [0.35, 0.15],
      [0.3, 0.55],
      [0.7, 0.55],
    ],
    [
      [0.6, 0.3],
      [0.6, 0.88],
    ],
  ],
  5: [
    [
      [0.68, 0.18],
      [0.35, 0.18],
      [0.32, 0.45],
      [0.6, 0.45],
      [0.68, 0.62],
      [0.6, 0.8],
      [0.3, 0.82],
    ],
  ],
  6: [
    [
      [0.62, 0.15],
      [0.4, 0.4],
      [0.32, 0.65],
      [0.45, 0.83],
      [0.62, 0.75],
      [0.6, 0.55],
      [0.35, 0.6],
    ],
  ],
  7: [
    [
      [0.25, 0.2],
      [0.75, 0.2],
      [0.5, 0.65],
      [0.4, 0.85],
    ],
  ],
  8: [
    Array.from({ length: 33 }, (_, i) => {
      const t = (i / 32) * 2 * Math.PI;
      return [0.5 + 0.16 * Math.sin(2 * t), 0.5 - 0.33 * Math.cos(t)];
    }),
  ],
  9: [[...arc(0.5, 0.33, 0.16, 0.16, Math.PI / 2, 2.5 * Math.PI), [0.64, 0.85]]],
};

/** The n-th drawing of `digit`: its shape a little larger or smaller, and moved (deterministic). */
function variant(digit, n) {
  const scale = 0.85 + 0.06 * (n % 4);
  const dx = 0.04 * ((n % 3) - 1);
  const dy = 0.03 * (((n + 1) % 3) - 1);
  return SHAPES[digit].map((stroke) =>
    stroke.map(([x, y]) => [0.5 + (x - 0.5) * scale + dx, 0.5 + (y - 0.5) * scale + dy]),
  );
}

const keptCount = () => byTestId(app.page, 'your-digits').evaluate((e) => Number(e.dataset.count));

async function waitForCount(count) {
  await app.page.waitForFunction(
    (n) => document.querySelector('[data-testid="your-digits"]').dataset.count === String(n),
    count,
    { timeout: 15_000, polling: 50 },
  );
}

/** Draws `digit` as mouse strokes and waits until the network has read the whole drawing. */
async function drawAndRead(digit, n) {
  const strokes = variant(digit, n);
  const before = (await prediction(app.page)).seq;
  await drawDigit(app.page, strokes);
  return waitForPrediction(app.page, before, { settled: true });
}

/** The kept digits as IndexedDB holds them: label and how many strokes. */
const keptRecords = () =>
  app.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        // The page's name for it: the deployment's storage name (lib/page/deployment.js) + ':your-digits'.
        const open = indexedDB.open(`mnist-nn:${new URL('./', document.baseURI).pathname}:your-digits`);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('digits').objectStore('digits').getAll();
          request.onsuccess = () => {
            resolve(
              request.result.map((d) => ({
                label: d.label,
                strokes: d.strokes ? d.strokes.length : null,
                ink: d.image.reduce((s, v) => s + (v > 0), 0),
              })),
            );
            open.result.close();
          };
        };
      }),
  );

test('the label row waits for a drawing, then keeps it with the pressed label and clears the pad', async () => {
  const buttons = byTestId(app.page, 'teach-label').locator('button[data-digit]');
  assert.equal(await buttons.count(), 10, 'one button per digit');
  assert.equal(await buttons.first().isDisabled(), true, 'nothing to label before a drawing');
  assert.equal(await keptCount(), 0);
  const read = await drawAndRead(7, 0);
  assert.equal(await buttons.nth(7).isEnabled(), true);
  const guess = byTestId(app.page, 'teach-label').locator(`button[data-digit="${read.digit}"]`);
  assert.match(await guess.getAttribute('aria-label'), /the network's guess/, 'the guess is marked');
  await byTestId(app.page, 'teach-label').locator('button[data-digit="7"]').click();
  await waitForCount(1);
  assert.equal((await prediction(app.page)).digit, '', 'the pad is cleared for the next digit');
  assert.equal(await buttons.nth(7).isDisabled(), true, 'the same drawing cannot be kept twice');
});

test('with too few digits, Teach it says how many more of each it needs', async () => {
  await byTestId(app.page, 'teach-start').click();
  const needs = await byTestId(app.page, 'teach-needs').textContent();
  assert.match(needs, /at least 5 of each digit: draw 5 more 0s/);
  assert.match(needs, /4 more 7s/);
  assert.equal((await received(app.page, 'fine-tuned')).length, 0);
});

test('collect mode asks for each digit in turn; labels by button and by key', async () => {
  await app.page.locator('#teach-collect').check();
  let drawn = 1;
  while (drawn < 10 * PER_CLASS) {
    const wanted = Number(await byTestId(app.page, 'teach-prompt').getAttribute('data-digit'));
    assert.match(await byTestId(app.page, 'teach-prompt').textContent(), new RegExp(`Draw a ${wanted}`));
    await drawAndRead(wanted, drawn);
    if (drawn % 2) await app.page.keyboard.press(String(wanted));
    else await byTestId(app.page, 'teach-label').locator(`button[data-digit="${wanted}"]`).click();
    drawn += 1;
    await waitForCount(drawn);
  }
  const groups = await app.page
    .locator('.digit-group')
    .evaluateAll((all) => all.map((g) => [g.dataset.digit, g.dataset.count]));
  assert.deepEqual(
    groups,
    Array.from({ length: 10 }, (_, d) => [String(d), String(PER_CLASS)]),
    'a balanced set, grouped by digit',
  );
});

test('a reload finds every digit kept, with its image and strokes', async () => {
  await app.page.reload();
  await waitForState(app.page, 'ready');
  await waitForCount(10 * PER_CLASS);
  const records = await keptRecords();
  assert.equal(records.length, 10 * PER_CLASS);
  for (const record of records) {
    assert.ok(record.strokes >= 1, 'the raw strokes are kept');
    assert.ok(record.ink > 20, 'the 28 x 28 image the network saw is kept');
  }
  assert.equal(records.filter((r) => r.label === 4).length, PER_CLASS);
});

let exported;
test('export gives an IDX pair; delete and delete all; importing the pair brings them back', async () => {
  const downloads = [];
  const got = new Promise((resolve) => {
    app.page.on('download', async function listener(download) {
      downloads.push(download);
      if (downloads.length === 2) {
        app.page.off('download', listener);
        resolve();
      }
    });
  });
  await byTestId(app.page, 'digits-export').click();
  await got;
  exported = {};
  for (const download of downloads) {
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    exported[download.suggestedFilename()] = file;
  }
  const images = fs.readFileSync(exported['your-digits-images-idx3-ubyte']);
  const labels = fs.readFileSync(exported['your-digits-labels-idx1-ubyte']);
  const n = 10 * PER_CLASS;
  assert.equal(images.readUInt32BE(0), 0x803);
  assert.equal(images.readUInt32BE(4), n);
  assert.equal(images.length, 16 + n * 784);
  assert.equal(labels.readUInt32BE(0), 0x801);
  assert.equal(labels.length, 8 + n);

  await app.page.locator('.kept-digit-delete').first().click();
  await waitForCount(n - 1);
  // Delete all asks in the page first; Esc keeps every digit (one more deletion leaves n - 2).
  const dialog = byTestId(app.page, 'digits-delete-dialog');
  await byTestId(app.page, 'digits-delete-all').click();
  await dialog.waitFor({ state: 'visible' });
  assert.match(await dialog.textContent(), new RegExp(`Delete all ${n - 1} of your digits`));
  await app.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await app.page.locator('.kept-digit-delete').first().click();
  await waitForCount(n - 2);
  await byTestId(app.page, 'digits-delete-all').click();
  await byTestId(app.page, 'digits-delete-confirm').click();
  await waitForCount(0);

  await byTestId(app.page, 'digits-import').setInputFiles(Object.values(exported));
  await waitForCount(n);
  const records = await keptRecords();
  assert.deepEqual(
    records.map((r) => r.label),
    [...labels.subarray(8)],
    'the same digits in the same order',
  );
});

test('a corrupt or oversized import is refused with a message and nothing is lost', async () => {
  const n = 10 * PER_CLASS;
  const truncated = path.join(tmp, 'truncated-images-idx3-ubyte');
  fs.writeFileSync(truncated, fs.readFileSync(exported['your-digits-images-idx3-ubyte']).subarray(0, 5000));
  await byTestId(app.page, 'digits-import').setInputFiles([
    truncated,
    exported['your-digits-labels-idx1-ubyte'],
  ]);
  await app.page.waitForFunction(() =>
    /Not imported/.test(document.querySelector('[data-testid="teach-message"]').textContent),
  );
  assert.match(await byTestId(app.page, 'teach-message').textContent(), /should be \d+ bytes/);
  assert.equal(await keptCount(), n, 'nothing kept is lost');

  const huge = path.join(tmp, 'huge-images-idx3-ubyte');
  fs.writeFileSync(huge, Buffer.alloc(9_000_000));
  await byTestId(app.page, 'digits-import').setInputFiles([huge, exported['your-digits-labels-idx1-ubyte']]);
  await app.page.waitForFunction(() =>
    /MB; at most/.test(document.querySelector('[data-testid="teach-message"]').textContent),
  );
  assert.equal(await keptCount(), n, 'nothing kept is lost');
});

test('Teach it fine-tunes like any run and reports held-out and MNIST accuracy before and after', async (t) => {
  const statesBefore = (await received(app.page, 'state')).length;
  await byTestId(app.page, 'teach-start').click();
  await app.page.waitForFunction(
    () => document.querySelector('[data-testid="teach-result"]').dataset.heldoutAfter !== '',
    null,
    { timeout: RUN_TIMEOUT, polling: 100 },
  );
  await waitForState(app.page, 'done');
  const states = (await received(app.page, 'state')).slice(statesBefore).map((m) => m.state);
  assert.ok(states.includes('training'), `the status went through training: ${states.join(' ')}`);
  assert.equal(states.at(-1), 'done');
  const result = await byTestId(app.page, 'teach-result').evaluate((e) => ({ ...e.dataset }));
  t.diagnostic(`teach-result ${JSON.stringify(result)}`);
  for (const key of ['heldoutBefore', 'heldoutAfter', 'mnistBefore', 'mnistAfter']) {
    const value = Number(result[key]);
    assert.ok(result[key] !== '' && value >= 0 && value <= 1, `${key} is a fraction: ${result[key]}`);
  }
  // Ten held-out digits: accuracies are tenths. MNIST is barely touched by 5 short epochs.
  assert.ok(Math.abs(Number(result.mnistAfter) - Number(result.mnistBefore)) < 0.1, JSON.stringify(result));
  const name = (await byTestId(app.page, 'model-name').textContent()).trim();
  assert.match(name, /^fine-tuned on 40 of your digits from /i, name);
  assert.equal(await byTestId(app.page, 'teach-result').isVisible(), true);
  // Charted as a run of its own, whose "validation" series is accuracy on your held-out digits.
  const heldOut = await seriesPixels(app.page, 'accuracy-chart', '--chart-val');
  assert.ok(heldOut.pixels > 20, `the held-out accuracy per epoch is drawn: ${JSON.stringify(heldOut)}`);
  for (const legend of ['#loss-legend', '#accuracy-legend']) {
    const text = await app.page.locator(legend).textContent();
    assert.match(text, /your held-out digits/, `${legend}: ${text}`);
    assert.doesNotMatch(text, /validation/, `${legend}: ${text}`);
  }
  const headline = await app.page.locator('.validation-name').allTextContents();
  assert.deepEqual(headline, ['Held out', 'Held out'], 'the headline figures are named so too');
});

test('the fine-tuned model is kept across a reload, named as fine-tuned', async () => {
  const name = (await byTestId(app.page, 'model-name').textContent()).trim();
  await app.page.reload();
  await waitForState(app.page, 'ready');
  await app.page.waitForFunction(
    (n) => document.querySelector('[data-testid="model-name"]').textContent.trim() === n,
    name,
    { timeout: 30_000 },
  );
});

test('the teach panel and the label row pass an accessibility audit', async () => {
  await drawAndRead(3, 99); // the label row enabled, with a guess marked; the result shown
  assert.equal(await byTestId(app.page, 'teach-label').locator('button[data-digit="3"]').isEnabled(), true);
  const violations = await seriousViolations(app.page);
  assert.deepEqual(violations, []);
  assert.equal(app.page.__errors?.length ?? 0, 0, `no page errors: ${app.page.__errors}`);
});
