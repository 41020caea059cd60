#!/usr/bin/env bash
# npm run bench -- [--json] [--smoke] [--only RUNNER[,RUNNER]] [--rounds N] ...
# Builds what the runners measure (incrementally: the native bench runner, the wasm module and
# the site in dist/), then runs bench/run.mjs. A failed build is reported and the runners that
# need it report themselves as skipped or failed; the others still run.
# NN_BENCH_NO_BUILD=1 measures whatever is already built.
set -euo pipefail
cd "$(dirname "$0")/.."

# A smoke run (npm test) installs what the tests need (PyTorch among them, for the export tests);
# a full run adds OpenBLAS's threaded build for the PyTorch peer. A runner whose peer is missing
# reports itself skipped.
goal=bench
for arg in "$@"; do [[ "$arg" == --smoke ]] && goal=test; done

if [[ "${NN_BENCH_NO_BUILD:-}" != 1 ]]; then
  bash scripts/setup.sh "$goal" >&2 || echo "bench: setup incomplete; runners that miss something will say so" >&2
  source scripts/env.sh  # after setup, which may install what it probes
  build_preset native --target train-bench >&2 || echo "bench: the native bench runner did not build" >&2
  NN_SKIP_SETUP=1 bash scripts/build.sh >&2 || echo "bench: the site did not build (npm run build); dist/ may be stale or missing" >&2
fi

exec node bench/run.mjs "$@"
