#!/usr/bin/env bash
# npm run train -- ARGS: builds the native trainer if needed and runs it with ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh native >&2
source scripts/env.sh
build_preset native --target mnist-train >&2
exec ./build/native/cpp/cli/mnist-train "$@"
