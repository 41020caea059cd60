// Fashion-MNIST from the Debian package dataset-fashion-mnist (the same IDX format as MNIST,
// gzip-compressed): the file paths, and loading it into the page through the file picker.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byTestId } from './app.mjs';

const FASHION_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];

/** The package's files, found with dpkg -L; a clear failure when it is not installed. */
export function fashionFiles() {
  let listed = '';
  try {
    listed = execFileSync('dpkg', ['-L', 'dataset-fashion-mnist'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    // Not installed (or not Debian): the fixed path is tried below.
  }
  const files = FASHION_FILES.map(
    (name) =>
      listed.split('\n').find((line) => line.endsWith(`/${name}`)) ||
      path.join('/usr/share/datasets/fashion-mnist', name),
  );
  const missing = files.filter((file) => !fs.existsSync(file));
  assert.deepEqual(
    missing,
    [],
    'Fashion-MNIST is missing: install the Debian package dataset-fashion-mnist ' +
      '(apt-get install -y dataset-fashion-mnist, or bash scripts/setup.sh test)',
  );
  return files;
}

/** Picks files in the dataset panel once its file input is enabled. */
export async function pickDatasetFiles(page, files) {
  await page.waitForFunction(() => !document.querySelector('[data-testid="dataset-upload"]').disabled, null, {
    timeout: 15_000,
  });
  await byTestId(page, 'dataset-upload').setInputFiles(files);
}

/** How many times the worker said new data is ready. */
export const dataReadyCount = (page) =>
  page.evaluate(() => window.__e2e.received.filter((m) => m.type === 'data-ready').length);

/** Loads Fashion-MNIST through the file picker and waits until the page is ready with it. */
export async function loadFashion(page) {
  const before = await dataReadyCount(page);
  await pickDatasetFiles(page, fashionFiles());
  await page
    .waitForFunction((n) => window.__e2e.received.filter((m) => m.type === 'data-ready').length > n, before, {
      timeout: 60_000,
    })
    .catch(async () => {
      const message = await page.locator('#dataset-message').textContent();
      throw new Error(`Fashion-MNIST did not load: "${message}"`);
    });
  // Ready, and the dataset panel done with its load (its answer comes just after the news).
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="status"]').dataset.state === 'ready' &&
      !document.getElementById('dataset-panel').classList.contains('is-loading'),
    null,
    { timeout: 10_000 },
  );
}
