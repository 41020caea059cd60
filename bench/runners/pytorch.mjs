// Runner `pytorch`: bench/peers/torch_bench.py with Debian's python3-torch on one thread, pointed
// at OpenBLAS (Debian's torch links the generic libblas.so.3; the reference BLAS would be unfair
// to the peer). The script reports which BLAS it found mapped into its process.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runnerMain } from '../lib/cli.mjs';
import { row } from '../lib/stats.mjs';
import { repoRoot } from '../server.mjs';
import { measurementArgs, runJsonLines } from './native.mjs';

const PYTHON = process.env.BENCH_PYTHON || '/usr/bin/python3';
const OPENBLAS = '/usr/lib/x86_64-linux-gnu/openblas-pthread';

export async function measurePytorch(options, emit) {
  if (!existsSync(PYTHON)) {
    emit(
      row('pytorch', null, 'status', 'skipped', undefined, {
        reason: `${PYTHON} not found (apt-get install python3-torch)`,
      }),
    );
    return;
  }
  const env = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  if (existsSync(OPENBLAS))
    env.LD_LIBRARY_PATH = [OPENBLAS, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const args = [path.join(repoRoot, 'bench', 'peers', 'torch_bench.py'), ...measurementArgs(options)];
  let missingModule = null; // python3 without torch (or numpy): the peer is not installed
  await runJsonLines(PYTHON, args, {
    env,
    onRow: emit,
    onLog: (line) => {
      const missing = /No module named '([\w.]+)'/.exec(line);
      if (missing) missingModule = missing[1];
      process.stderr.write(line + '\n');
    },
  }).catch((error) => {
    if (missingModule) {
      emit(
        row('pytorch', null, 'status', 'skipped', undefined, {
          reason: `${PYTHON} has no '${missingModule}' module (apt-get install python3-torch)`,
        }),
      );
      return;
    }
    throw error;
  });
}

runnerMain(import.meta.url, measurePytorch);
