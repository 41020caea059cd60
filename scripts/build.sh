#!/usr/bin/env bash
# Builds everything the site needs (incrementally) and assembles the static site in dist/:
# the native trainer (it trains the pretrained model), the wasm module, then scripts/build-site.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

[[ "${NN_SKIP_SETUP:-}" == 1 ]] || bash scripts/setup.sh web

build_preset native --target mnist-train
build_preset wasm
node scripts/build-site.mjs "$@"
