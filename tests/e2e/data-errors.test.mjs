// Issue 3: a missing or corrupt MNIST file shows the error state with a message naming it and a
// way to retry; nothing hangs, drawings still work, and Retry recovers once the file is fixed.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { newContext } from './support/browser.mjs';
import {
  byTestId,
  DIGITS,
  drawAndClassify,
  openApp,
  status,
  trainRun,
  waitForState,
} from './support/app.mjs';
import { assertConsistent } from './support/consistency.mjs';
import { useSite } from './support/suite.mjs';

const suite = useSite();

const dataFile = (name) => path.join(suite.site.dir, 'data', name);

/**
 * Spoils one data file in the served copy, opens the page, checks the error, restores the file
 * and checks that Retry (or Reset) loads everything.
 */
async function spoilAndRecover({ file, names, spoil, expect, recoverWith = 'retry', train = false }) {
  const original = fs.readFileSync(dataFile(file));
  spoil(dataFile(file), original);
  const context = await newContext(suite.browser);
  try {
    const page = await openApp(context, suite.site.url, { state: ['error', 'ready'] });
    const { state, message } = await status(page);
    assert.equal(state, 'error', `a spoiled ${file} gives the error state, not '${state}' ("${message}")`);
    // The file by name, or (after decompression, in the IDX reader) which set and which part.
    assert.ok(
      message.includes(file) || (names && names.test(message)),
      `the message names ${file}: "${message}"`,
    );
    assert.match(message, expect, `the message says what is wrong: "${message}"`);
    await assertConsistent(page, `spoiled ${file}`);
    assert.equal(await byTestId(page, 'train-start').isEnabled(), false, 'no Start without data');
    // The worker lives on: the pretrained model still reads drawings.
    const answer = await drawAndClassify(page, DIGITS[1]);
    assert.equal(answer.digit, '1', `the pad works while the data is broken: ${JSON.stringify(answer)}`);

    fs.writeFileSync(dataFile(file), original);
    if (recoverWith === 'retry') {
      assert.equal((await page.locator('#retry').textContent()).trim(), 'Retry');
      await page.locator('#retry').click();
    } else {
      await byTestId(page, 'train-reset').click();
    }
    assert.equal(
      await waitForState(page, ['ready', 'error']),
      'ready',
      `${recoverWith} after the fix: ${(await status(page)).message}`,
    );
    await assertConsistent(page, `after ${recoverWith}`);
    if (train) await trainRun(page, { epochs: 1 });
  } finally {
    fs.writeFileSync(dataFile(file), original);
    await context.close();
  }
}

test('garbage in train-images-idx3-ubyte.gz: error, then Retry recovers and trains', async () => {
  await spoilAndRecover({
    file: 'train-images-idx3-ubyte.gz',
    names: /training.*image/i,
    spoil: (file) => fs.writeFileSync(file, crypto.randomBytes(100_000)),
    expect: /corrupt|invalid|magic|not an? IDX|bad|unexpected|size/i,
    train: true,
  });
});

test('a truncated t10k-labels-idx1-ubyte.gz: error, then the Reset button recovers', async () => {
  await spoilAndRecover({
    file: 't10k-labels-idx1-ubyte.gz',
    spoil: (file, original) => fs.writeFileSync(file, original.subarray(0, Math.floor(original.length / 2))),
    expect: /corrupt|truncated|decompress|end|unexpected/i,
    recoverWith: 'reset',
  });
});

test('a gzip file whose contents are not IDX (train-labels): error names the file', async () => {
  const zlib = await import('node:zlib');
  await spoilAndRecover({
    file: 'train-labels-idx1-ubyte.gz',
    names: /training.*label/i,
    spoil: (file) =>
      fs.writeFileSync(file, zlib.gzipSync(Buffer.from('this is not an IDX file at all\n'.repeat(100)))),
    expect: /./,
  });
});

test('a missing file: error with the server status, Retry recovers', async () => {
  await spoilAndRecover({
    file: 't10k-images-idx3-ubyte.gz',
    spoil: (file) => fs.rmSync(file),
    expect: /404|not found|could not download/i,
  });
});
