#!/usr/bin/env bash
# Builds everything the site needs (incrementally) and assembles the static site in dist/:
# the native trainer (it trains the pretrained model), the wasm module, then scripts/build-site.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

# Setup first: it may install the very tools and folders the steps below look for.
[[ "${NN_SKIP_SETUP:-}" == 1 ]] || bash scripts/setup.sh web
source scripts/env.sh

build_preset native --target mnist-train
build_preset wasm
node scripts/build-site.mjs "$@"
