// Telling the user's four IDX files apart before anything large is read
// (web/src/features/dataset/page/idx-files.js), with small files made here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { identifyFiles, inspectFile } from '../../web/src/features/dataset/page/idx-files.js';

/** An IDX images file: magic 0x803, count, rows, cols, then (a few of) the pixels. */
function images(count, rows = 28, cols = 28) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x803, 0);
  header.writeUInt32BE(count, 4);
  header.writeUInt32BE(rows, 8);
  header.writeUInt32BE(cols, 12);
  return Buffer.concat([header, Buffer.alloc(64)]);
}

/** An IDX labels file: magic 0x801, count, then the labels. */
function labels(values) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x801, 0);
  header.writeUInt32BE(values.length, 4);
  return Buffer.concat([header, Buffer.from(values)]);
}

const file = (bytes, name, gzip = false) => new File([gzip ? zlib.gzipSync(bytes) : bytes], name);

function mnistLike({ gzip = false, trainLabels = [5, 0, 4, 1, 9, 2, 1, 3] } = {}) {
  const ext = gzip ? '.gz' : '';
  return [
    file(images(60), `train-images-idx3-ubyte${ext}`, gzip),
    file(labels(trainLabels.concat(Array(52).fill(0))), `train-labels-idx1-ubyte${ext}`, gzip),
    file(images(10), `t10k-images-idx3-ubyte${ext}`, gzip),
    file(labels([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]), `t10k-labels-idx1-ubyte${ext}`, gzip),
  ];
}

test('the four MNIST-named files find their roles, gzip or not', async () => {
  for (const gzip of [false, true]) {
    const files = mnistLike({ gzip });
    const { roles, problems, name, fashion } = await identifyFiles(files);
    assert.deepEqual(problems, [], `gzip ${gzip}`);
    assert.equal(roles.trainImages, files[0]);
    assert.equal(roles.trainLabels, files[1]);
    assert.equal(roles.testImages, files[2]);
    assert.equal(roles.testLabels, files[3]);
    assert.equal(name, 'your dataset');
    assert.equal(fashion, false);
  }
});

test('a header tells images from labels whatever the names; the larger of two trains', async () => {
  const files = [
    file(images(10), 'a.bin'),
    file(images(60), 'b.bin'),
    file(labels(Array(60).fill(1)), 'c'),
    file(labels(Array(10).fill(1)), 'd'),
  ];
  const { roles, problems } = await identifyFiles(files, 'mydata');
  assert.deepEqual(problems, []);
  assert.equal(roles.trainImages?.name, 'b.bin');
  assert.equal(roles.testImages?.name, 'a.bin');
  assert.equal(roles.trainLabels?.name, 'c');
  assert.equal(roles.testLabels?.name, 'd');
});

test('a missing file is named, with an example of its usual name', async () => {
  const { problems } = await identifyFiles(mnistLike().slice(0, 3));
  assert.deepEqual(problems, ['the test labels file is missing (like t10k-labels-idx1-ubyte.gz)']);
});

test('images of another size and counts that do not pair up are refused before reading them', async () => {
  const files = mnistLike();
  files[2] = file(images(10, 32, 32), 't10k-images-idx3-ubyte');
  files[1] = file(labels(Array(59).fill(0)), 'train-labels-idx1-ubyte');
  const { problems } = await identifyFiles(files);
  assert.ok(
    problems.some((p) => /test images are 32 × 32 pixels/.test(p)),
    problems.join(' | '),
  );
  assert.ok(
    problems.some((p) => /holds 60 images but .* 59 labels/.test(p)),
    problems.join(' | '),
  );
});

test('a stray file is ignored while the four roles are filled, and named when one is missing', async () => {
  const readme = file(Buffer.from('This folder holds Fashion-MNIST.'), 'README.txt');
  assert.deepEqual((await identifyFiles([...mnistLike(), readme])).problems, []);
  const { problems } = await identifyFiles([...mnistLike().slice(1), readme]);
  assert.match(problems[0], /README.txt is not an IDX image or label file/);
});

test('two files for one role are a problem', async () => {
  const files = [...mnistLike(), file(images(60), 'train-images-copy')];
  const { problems } = await identifyFiles(files);
  assert.match(problems.join(' '), /two files look like the training images/);
});

test("Fashion-MNIST is recognised by its name or, under MNIST's names, by its first labels", async () => {
  assert.equal((await identifyFiles(mnistLike(), 'fashion-mnist')).name, 'Fashion-MNIST');
  const files = mnistLike({ trainLabels: [9, 0, 0, 3, 0, 2, 7, 2] });
  files[3] = file(labels([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]), 't10k-labels-idx1-ubyte');
  const found = await identifyFiles(files);
  assert.equal(found.fashion, true);
  assert.equal(found.name, 'Fashion-MNIST');
});

test('inspectFile reads only the header of a gzip file, and says what a short file is', async () => {
  const big = file(images(60000), 'train-images-idx3-ubyte.gz', true);
  assert.deepEqual(await inspectFile(big), { kind: 'images', count: 60000, rows: 28, cols: 28, gzip: true });
  const short = await inspectFile(file(Buffer.from([0, 0, 8]), 'x'));
  assert.match(short.problem ?? '', /too short/);
});
