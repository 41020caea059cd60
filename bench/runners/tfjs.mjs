// Runners `tfjs-wasm` and `tfjs-wasm-threads`: TensorFlow.js 4.22 with its wasm backend, training
// the presets in a worker of headless Chromium. Served plainly, the page is not cross-origin
// isolated and tfjs picks its single-threaded SIMD binary; `--variant threads` serves COOP/COEP
// so it picks threaded-simd (tfjs caps its pool at navigator.hardwareConcurrency / 2 threads).
// Both of tfjs's training paths are timed (optimizer.minimize over fused matMuls; a layers model's
// trainOnBatch) and the faster one is the peer's figure.
import { launchBrowser } from '../lib/browser.mjs';
import { log, runnerMain, timingOf } from '../lib/cli.mjs';
import { median, row, throughputRows } from '../lib/stats.mjs';
import { startServer } from '../server.mjs';

export async function measureTfjs(options, emit) {
  const threads = options.variant === 'threads';
  const runner = threads ? 'tfjs-wasm-threads' : 'tfjs-wasm';
  const server = await startServer({ crossOriginIsolated: threads });
  const browser = await launchBrowser({ log });
  try {
    const { page } = browser;
    page.setDefaultTimeout(Number(options.timeoutMs || 600000));
    await page.goto(server.url + 'bench/tfjs.html');
    const modes = options.modes ? options.modes.split(',') : undefined;
    const raw = await page.evaluate((o) => window.runTfjs(o), {
      presets: options.presets,
      modes,
      ...timingOf(options),
    });
    const byPreset = new Map();
    for (const r of raw) {
      if (r.metric === 'slices') {
        if (!byPreset.has(r.preset)) byPreset.set(r.preset, []);
        byPreset.get(r.preset).push(r);
      } else {
        const { metric, value, preset, ...extra } = r;
        emit(row(runner, preset, metric, value, undefined, extra));
      }
    }
    for (const [preset, runs] of byPreset) {
      const best = runs.reduce((a, b) => (median(b.value) > median(a.value) ? b : a));
      const byMode = Object.fromEntries(runs.map((r) => [r.mode, Math.round(median(r.value))]));
      const loss = `${best.lossBefore.toFixed(3)} -> ${best.lossAfter.toFixed(3)}`;
      for (const r of throughputRows(runner, preset, best.value, { mode: best.mode, modes: byMode, loss }))
        emit(r);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

runnerMain(import.meta.url, measureTfjs);
