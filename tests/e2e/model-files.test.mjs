// Issue 6: a model you can keep. The page says which model is active (model-name, data-source),
// downloads it as a file (model-download) that uploads back (model-upload) to give the same
// predictions, refuses a bad file with a message and keeps the current model, and keeps the
// last trained model across a reload (IndexedDB).
// Issue 14: the page's ONNX download (model-download-onnx) is byte for byte what the native trainer
// exports from the page's own model file.
// Issue 5: a corrupt or truncated model file is refused; the current model is kept.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { nativeTrainer } from '../wasm/load-module.mjs';
import {
  byTestId,
  clearPad,
  DIGITS,
  drawAndClassify,
  received,
  trainRun,
  waitForState,
} from './support/app.mjs';
import { modelMetadata } from './support/model-file.mjs';
import { useSite } from './support/suite.mjs';

const app = useSite({ openApp: true, context: { acceptDownloads: true } });
let tmp;
let modelFile;
let trainedProbabilities;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-e2e-models-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const DRAWING = DIGITS[7];

async function modelSource() {
  const element = byTestId(app.page, 'model-name');
  await element.waitFor({ state: 'attached', timeout: 5000 });
  return element.getAttribute('data-source');
}

async function waitForSource(source, timeout = 20_000) {
  await app.page
    .waitForFunction(
      (s) => document.querySelector('[data-testid="model-name"]')?.dataset.source === s,
      source,
      { timeout },
    )
    .catch(async () => {
      throw new Error(`model-name data-source stayed '${await modelSource()}', expected '${source}'`);
    });
}

/** Clears the pad, draws DRAWING and returns the probabilities the worker answered. */
async function probabilitiesOfDrawing() {
  await clearPad(app.page);
  await drawAndClassify(app.page, DRAWING);
  const last = (await received(app.page, 'predict')).at(-1);
  assert.equal(last.probabilities?.length, 10, 'ten probabilities');
  return last.probabilities;
}

function assertClose(actual, expected, tolerance, what) {
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])));
  assert.ok(worst <= tolerance, `${what}: largest difference ${worst} (${actual} vs ${expected})`);
}

/** The kept model, read from IndexedDB by the page (the worker writes it after a run). */
async function waitForKeptModel() {
  await app.page.waitForFunction(
    () =>
      new Promise((resolve) => {
        const request = indexedDB.open(`mnist-nn:${new URL('./', document.baseURI).pathname}`);
        request.onerror = () => resolve(false);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('models')) {
            db.close();
            resolve(false);
            return;
          }
          const get = db.transaction('models').objectStore('models').get('kept');
          get.onsuccess = () => {
            db.close();
            resolve(Boolean(get.result));
          };
          get.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
    null,
    { timeout: 15_000, polling: 250 },
  );
}

test('the page starts with the pretrained model and says so', async () => {
  assert.equal(await modelSource(), 'pretrained', 'model-name data-source');
  const text = (await byTestId(app.page, 'model-name').textContent()).trim();
  assert.match(text, /pretrained/i, `model-name says pretrained: "${text}"`);
  // The model panel says what the shipped model is and how well it reads, from its file.
  const bytes = fs.readFileSync(path.join(app.site.dir, 'models', 'pretrained.nnmf'));
  assert.equal(bytes.readUInt32LE(4), 2, 'a version 2 file (the shipped cnn)');
  const shipped = modelMetadata(bytes);
  const percent = (fraction) => `${(100 * fraction).toFixed(2)}%`;
  const figures = (await byTestId(app.page, 'model-figures').textContent()).trim();
  assert.match(text, new RegExp(`pretrained ${shipped.preset}, ${shipped.epochs} epochs`, 'i'));
  assert.ok(
    figures.startsWith(`A convolutional network, trained with ${shipped.augment} augmentation.`),
    `its kind and augmentation: "${figures}"`,
  );
  assert.ok(figures.includes(percent(shipped.test_accuracy)), `its test accuracy: "${figures}"`);
  assert.ok(figures.includes(percent(shipped.robustness_accuracy)), `its drawn-digit accuracy: "${figures}"`);
  assert.equal(
    await byTestId(app.page, 'model-download').isEnabled(),
    true,
    'the pretrained model can be downloaded',
  );
});

test('after a run, model-name says trained here, with the preset and accuracy', async () => {
  await trainRun(app.page, { epochs: 1 });
  await waitForSource('trained');
  const text = (await byTestId(app.page, 'model-name').textContent()).trim();
  trainedProbabilities = await probabilitiesOfDrawing();
  // mlp with only its epochs changed is "mlp (modified)".
  assert.match(text, /mlp/, `model-name names the preset: "${text}"`);
  assert.match(text, /1 epoch/, `model-name gives the epochs: "${text}"`);
  assert.match(text, /\d+\.\d+%/, `model-name gives the test accuracy: "${text}"`);
});

test('model-download saves the model as a file', async () => {
  const [download] = await Promise.all([
    app.page.waitForEvent('download', { timeout: 15_000 }),
    byTestId(app.page, 'model-download').click(),
  ]);
  modelFile = path.join(tmp, download.suggestedFilename() || 'model.nnmf');
  await download.saveAs(modelFile);
  const bytes = fs.readFileSync(modelFile);
  assert.match(download.suggestedFilename(), /\.nnmf$/, `a .nnmf file: ${download.suggestedFilename()}`);
  // 784-128-10 float weights and biases: at least (784*128 + 128 + 128*10 + 10) * 4 bytes.
  assert.ok(bytes.length >= 407_080, `the file holds the weights: ${bytes.length} bytes`);
});

test('model-download-onnx equals the native export of the downloaded model file', async () => {
  assert.ok(modelFile, 'the .nnmf was downloaded');
  const [download] = await Promise.all([
    app.page.waitForEvent('download', { timeout: 15_000 }),
    byTestId(app.page, 'model-download-onnx').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.onnx$/, `an .onnx file: ${download.suggestedFilename()}`);
  const pageOnnx = path.join(tmp, 'page.onnx');
  await download.saveAs(pageOnnx);
  const nativeOnnx = path.join(tmp, 'native.onnx');
  execFileSync(nativeTrainer, ['--load', modelFile, '--export-onnx', nativeOnnx]);
  const fromPage = fs.readFileSync(pageOnnx);
  const fromNative = fs.readFileSync(nativeOnnx);
  assert.ok(fromPage.length > 400_000, `the file holds the weights: ${fromPage.length} bytes`);
  assert.ok(
    fromPage.equals(fromNative),
    `the page's ${fromPage.length} bytes equal the native ${fromNative.length}`,
  );
  assert.match(await app.page.locator('#model-message').textContent(), /Saved .*\.onnx/);
});

test('upload → the same predictions for the same drawing', async () => {
  assert.ok(modelFile && trainedProbabilities, 'the earlier tests ran');
  // Switch away first, so the upload really replaces the model.
  await app.page.locator('#model-pretrained').click();
  await waitForSource('pretrained');
  const pretrained = await probabilitiesOfDrawing();
  const differs = pretrained.some((v, i) => Math.abs(v - trainedProbabilities[i]) > 1e-4);
  assert.ok(differs, 'the pretrained model answers differently (else the round trip proves nothing)');

  await byTestId(app.page, 'model-upload').setInputFiles(modelFile);
  await waitForSource('uploaded');
  const uploaded = await probabilitiesOfDrawing();
  assertClose(uploaded, trainedProbabilities, 1e-6, 'the uploaded model answers as the trained one');
  const text = (await byTestId(app.page, 'model-name').textContent()).trim();
  assert.match(
    text,
    new RegExp(path.basename(modelFile).replace('.', '\\.')),
    `model-name names the file: "${text}"`,
  );
});

for (const [what, makeBytes] of [
  ['a garbage file', () => Buffer.from('this is not a model file\n'.repeat(50))],
  ['a truncated model file', () => fs.readFileSync(modelFile).subarray(0, 5000)],
  ['an empty file', () => Buffer.alloc(0)],
  [
    'a model file with a wrong magic',
    () => {
      const bytes = Buffer.from(fs.readFileSync(modelFile));
      bytes[0] ^= 0xff;
      return bytes;
    },
  ],
  [
    'a model file from another version (version 2)',
    () => {
      const bytes = Buffer.from(fs.readFileSync(modelFile));
      bytes.writeUInt32LE(2, 4); // the header: magic "NNMF", then the version, little-endian
      return bytes;
    },
  ],
  ['a 65 MB file', () => null], // made sparse below
  [
    'a model file with bytes appended',
    () => Buffer.concat([fs.readFileSync(modelFile), Buffer.alloc(64, 7)]),
  ],
]) {
  test(`${what} is refused with a message; the current model is kept`, async () => {
    assert.ok(modelFile, 'a model was downloaded');
    const before = await modelSource();
    const state = await byTestId(app.page, 'status').getAttribute('data-state');
    const probabilities = await probabilitiesOfDrawing();
    const name = `bad-${what.replace(/\W+/g, '-')}.nnmf`;
    const file = path.join(tmp, name);
    const bytes = makeBytes();
    fs.writeFileSync(file, bytes ?? '');
    if (!bytes) fs.truncateSync(file, 65 * 1024 * 1024); // sparse: no disk used
    const errors = (await received(app.page, 'error')).length;
    await byTestId(app.page, 'model-upload').setInputFiles(file);
    const message = app.page.locator('#model-message');
    await app.page.waitForFunction(
      (n) =>
        window.__e2e.received.filter((m) => m.type === 'error').length > n ||
        /refus|not loaded|kept|empty/i.test(document.getElementById('model-message').textContent),
      errors,
      { timeout: 10_000 },
    );
    await app.page
      .waitForFunction(() => /kept/i.test(document.getElementById('model-message').textContent), null, {
        timeout: 5000,
      })
      .catch(() => {});
    const text = (await message.textContent()).trim();
    assert.match(text, /kept/i, `the message says the current model is kept: "${text}"`);
    assert.ok(text.length > 20, `the message says why: "${text}"`);
    if (/version/.test(what))
      assert.match(text, /version/i, `the message names the version problem: "${text}"`);
    assert.equal(await modelSource(), before, 'model-name is unchanged');
    assertClose(await probabilitiesOfDrawing(), probabilities, 0, 'the current model still answers the same');
    assert.equal(
      await byTestId(app.page, 'status').getAttribute('data-state'),
      state,
      'the page state is unchanged',
    );
  });
}

test('a reload keeps the last trained model (IndexedDB)', async () => {
  await trainRun(app.page, { epochs: 1 });
  await waitForSource('trained');
  const beforeReload = await probabilitiesOfDrawing();
  const name = (await byTestId(app.page, 'model-name').textContent()).trim();
  await waitForKeptModel();
  await app.page.reload();
  await waitForState(app.page, 'ready');
  await waitForSource('trained');
  assert.equal(
    (await byTestId(app.page, 'model-name').textContent()).trim(),
    name,
    'the same model name after the reload',
  );
  assert.equal(
    await app.page.locator('#model-kept').isVisible(),
    true,
    'a badge says it was kept from the last visit',
  );
  assertClose(
    await probabilitiesOfDrawing(),
    beforeReload,
    1e-6,
    'the kept model answers as before the reload',
  );
});

test('a model the page before 2026-12-02 kept moves over on the next visit', async () => {
  assert.ok(modelFile && trainedProbabilities, 'the earlier tests ran');
  const bytes = [...fs.readFileSync(modelFile)];
  // As that page left it: no model kept under today's name, the file in its per-origin database.
  await app.page.evaluate(async (fileBytes) => {
    const request = (r) =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const today = await request(indexedDB.open(`mnist-nn:${new URL('./', document.baseURI).pathname}`));
    await request(today.transaction('models', 'readwrite').objectStore('models').delete('kept'));
    today.close();
    const open = indexedDB.open('mnist-nn', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('models');
    const legacy = await request(open);
    const record = { bytes: new Uint8Array(fileBytes), info: { source: 'trained' }, savedAt: Date.now() };
    await request(
      legacy.transaction('models', 'readwrite').objectStore('models').put(record, 'last-trained'),
    );
    legacy.close();
  }, bytes);
  await app.page.reload();
  await waitForState(app.page, 'ready');
  await waitForSource('trained');
  assert.equal(await app.page.locator('#model-kept').isVisible(), true, 'shown as kept from the last visit');
  assertClose(await probabilitiesOfDrawing(), trainedProbabilities, 1e-6, 'it is that file’s model');
  await waitForKeptModel(); // kept again under today's name
  const databases = await app.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
  assert.ok(!databases.includes('mnist-nn'), `the old database is gone: ${databases}`);
});
