// Runner `tfjs-wasm` (and `tfjs-wasm-threads`): TensorFlow.js 4.22 with the wasm backend, training
// the presets in a worker of headless Chromium. Not cross-origin isolated by default, so tfjs
// picks its single-threaded SIMD binary; with crossOriginIsolated (COOP/COEP) it picks
// threaded-simd.
import { launchBrowser } from '../lib/browser.mjs';
import { row, throughputRows } from '../lib/stats.mjs';
import { startServer } from '../server.mjs';

export async function runTfjs({ runner, crossOriginIsolated, presets, timing, mode, log, timeoutMs }) {
  const server = await startServer({ crossOriginIsolated });
  const browser = await launchBrowser({ log });
  try {
    const { page } = browser;
    page.setDefaultTimeout(timeoutMs);
    await page.goto(server.url + 'bench/tfjs.html');
    const raw = await page.evaluate((options) => window.runTfjs(options), { presets, mode, ...timing });
    const rows = [];
    for (const r of raw) {
      if (r.metric === 'slices') rows.push(...throughputRows(runner, r.preset, r.value, { mode }));
      else {
        const { metric, value, preset, ...extra } = r;
        rows.push(row(runner, preset, metric, value, undefined, extra));
      }
    }
    return rows;
  } finally {
    await browser.close();
    await server.close();
  }
}
