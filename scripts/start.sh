#!/usr/bin/env bash
# npm start: installs what is missing, builds what changed, serves dist/ and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec node scripts/serve.mjs "$@"
