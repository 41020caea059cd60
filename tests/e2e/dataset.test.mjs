// Issue 6: bring your own data. Fashion-MNIST (Debian package dataset-fashion-mnist, the same IDX
// format, gzip-compressed) loads through the file picker (dataset-upload), trains, and brings its
// class names; incomplete or malformed files are refused with a message and the data is kept.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { byTestId, parsePercent, received, trainRun } from './support/app.mjs';
import { fashionFiles, pickDatasetFiles } from './support/fashion.mjs';
import { useSite } from './support/suite.mjs';

const app = useSite({ openApp: true });
let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-e2e-data-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const pickFiles = (files) => pickDatasetFiles(app.page, files);
const datasetMessage = () => app.page.locator('#dataset-message').textContent();

test('incomplete or malformed files are refused with a message; MNIST stays', async () => {
  const files = fashionFiles();
  const readyBefore = (await received(app.page, 'data-ready')).length;
  await pickFiles(files.slice(0, 3));
  await app.page.waitForFunction(
    () => document.getElementById('dataset-message').classList.contains('is-error'),
    null,
    { timeout: 10_000 },
  );
  assert.match(await datasetMessage(), /missing|t10k-labels|test labels/i, 'a missing file is named');
  assert.match(await datasetMessage(), /kept/i, 'the current data is kept');

  const garbage = path.join(tmp, 'train-images-idx3-ubyte');
  fs.writeFileSync(garbage, Buffer.from('not an idx file'.repeat(100)));
  await pickFiles([garbage, ...files.slice(1)]);
  await app.page.waitForFunction(
    () => /not an IDX|kept/i.test(document.getElementById('dataset-message').textContent),
    null,
    { timeout: 10_000 },
  );
  assert.match(await datasetMessage(), /kept/i);
  assert.equal((await received(app.page, 'data-ready')).length, readyBefore, 'no new data was taken');
  assert.equal(await byTestId(app.page, 'status').getAttribute('data-state'), 'ready');
});

test('Fashion-MNIST loads from the file picker with its class names', async () => {
  const files = fashionFiles();
  const readyBefore = (await received(app.page, 'data-ready')).length;
  await pickFiles(files);
  await app.page
    .waitForFunction(
      (n) => window.__e2e.received.filter((m) => m.type === 'data-ready').length > n,
      readyBefore,
      { timeout: 60_000 },
    )
    .catch(async () => {
      throw new Error(`Fashion-MNIST did not load: "${await datasetMessage()}"`);
    });
  // The panel finishes with the worker's answer, just after its news.
  await app.page.waitForFunction(
    () => !document.getElementById('dataset-panel').classList.contains('is-loading'),
  );
  const data = (await received(app.page, 'data-ready')).at(-1);
  assert.match(data.name, /fashion/i, `the data is named Fashion-MNIST: ${data.name}`);
  assert.equal(data.train + data.validation, 60_000, 'the 60,000 training images (training + validation)');
  assert.equal(data.test, 10_000, 'the 10,000 test images');
  assert.match(await app.page.locator('#dataset-current').textContent(), /Fashion-MNIST/);
  assert.equal(
    await app.page.locator('#class-name-9').inputValue(),
    'Ankle boot',
    "the class names are Fashion-MNIST's",
  );
  await app.page.waitForFunction(
    () => document.querySelector('[data-testid="status"]').dataset.state === 'ready',
    null,
    { timeout: 10_000 },
  );
});

test('Fashion-MNIST trains: accuracy well above chance, confusion matrix of its 10,000 test images', async () => {
  await trainRun(app.page, { epochs: 1 });
  const accuracy = parsePercent(await byTestId(app.page, 'test-accuracy').textContent(), 'test-accuracy');
  assert.ok(
    accuracy > 75 && accuracy < 95,
    `an mlp reads 75-95% of Fashion-MNIST after one epoch: ${accuracy}%`,
  );
  const rows = await byTestId(app.page, 'confusion-matrix').evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('[data-count]')].reduce((s, cell) => s + Number(cell.dataset.count), 0),
    ),
  );
  assert.deepEqual(rows, Array(10).fill(1000), "Fashion-MNIST's test set has 1,000 images of each class");
  const header = await byTestId(app.page, 'confusion-matrix').locator('thead').textContent();
  assert.match(header, /Ankle boot|Sneaker|Trouser/, 'the matrix is labelled with the class names');
});

test('Back to MNIST loads the digits again', async () => {
  const readyBefore = (await received(app.page, 'data-ready')).length;
  await app.page.locator('#dataset-mnist').click();
  await app.page.waitForFunction(
    (n) => window.__e2e.received.filter((m) => m.type === 'data-ready').length > n,
    readyBefore,
    { timeout: 60_000 },
  );
  const data = (await received(app.page, 'data-ready')).at(-1);
  assert.equal(data.name, 'MNIST');
  assert.equal(data.train, 51_000);
});
