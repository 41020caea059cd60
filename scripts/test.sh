#!/usr/bin/env bash
# npm test: installs what is missing, builds everything, then runs every test: the scripts' own
# tests (setup order, the dev server under hostile requests), the type check of the web code
# (tsc over its JSDoc types and the wasm module's API), the page's pure modules in node, the
# Catch2 suite (release, then under AddressSanitizer + UndefinedBehaviorSanitizer), the wasm
# module in node, the page in headless Chromium, and short fuzzing and benchmark smoke runs.
set -uo pipefail
cd "$(dirname "$0")/.."

failures=()
summary=()

stage() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    summary+=("$(printf 'ok    %-34s %4ds' "$name" $((SECONDS - start)))")
    return 0
  fi
  summary+=("$(printf 'FAIL  %-34s %4ds' "$name" $((SECONDS - start)))")
  failures+=("$name")
  return 1
}

finish() {
  echo
  echo "=== summary"
  printf '%s\n' "${summary[@]}"
  if ((${#failures[@]} > 0)); then
    echo "npm test: FAILED: ${failures[*]}"
    exit 1
  fi
  echo "npm test: all passed"
  exit 0
}

stage "setup" bash scripts/setup.sh test || finish
source scripts/env.sh  # after setup, which may install what it probes
stage "scripts (setup order, server)" node --test tests/scripts/
stage "web types (tsc)" bash -c 'npx --no-install tsc -p web && npx --no-install tsc -p web/tsconfig.sw.json'
stage "web unit tests (node)" node --test tests/web/

stage "build native (release)" build_preset native || finish
stage "catch2 (release)" ctest --preset native --timeout 600
stage "build native (asan+ubsan)" build_preset debug || finish
stage "catch2 (asan+ubsan)" ctest --preset debug --timeout 1200

stage "build wasm and site" env NN_SKIP_SETUP=1 bash scripts/build.sh || finish
stage "wasm module in node" node --test tests/wasm/
stage "exports in ONNX Runtime and PyTorch" node --test tests/interop/
stage "page in headless chromium" node --test --test-concurrency=1 tests/e2e/
stage "fuzzers (smoke)" bash scripts/fuzz.sh --smoke
# Everything it measures is built by now; --fail-on-error makes a broken runner fail the stage.
stage "benchmark (smoke)" env NN_BENCH_NO_BUILD=1 bash scripts/bench.sh --smoke --fail-on-error
finish
