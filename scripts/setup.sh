#!/usr/bin/env bash
# Installs what the project needs and is missing: Debian packages (as root, through apt-get) and
# the npm dependencies (npm ci). Where it cannot install, it says exactly what to install.
#
#   scripts/setup.sh [native|web|fuzz|test|bench]...   (default: test, which needs all but bench)
set -euo pipefail
cd "$(dirname "$0")/.."

want_native=(cmake make g++ libeigen3-dev nlohmann-json3-dev catch2)  # the native preset builds the tests too
want_web=(emscripten)                       # pulls clang, lld, binaryen and node-acorn
want_fuzz=(clang-14 libclang-rt-14-dev)           # libFuzzer
# python3-onnx checks exported models; python3-torch runs the README's PyTorch loader on them.
want_test=(chromium "${want_fuzz[@]}" dataset-fashion-mnist python3-onnx python3-torch)
want_bench=(libopenblas0-pthread)

packages=()
for goal in "${@:-test}"; do
  case "$goal" in
    native) packages+=("${want_native[@]}") ;;
    web) packages+=("${want_native[@]}" "${want_web[@]}") ;;
    fuzz) packages+=("${want_native[@]}" "${want_fuzz[@]}") ;;
    test) packages+=("${want_native[@]}" "${want_web[@]}" "${want_test[@]}") ;;
    bench) packages+=("${want_native[@]}" "${want_web[@]}" "${want_test[@]}" "${want_bench[@]}") ;;
    *) echo "setup: unknown goal '$goal' (native, web, fuzz, test or bench)" >&2; exit 2 ;;
  esac
done

missing=()
for package in $(printf '%s\n' "${packages[@]}" | sort -u); do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    echo "setup: this is not a Debian-like system. Install the equivalents of: ${missing[*]}" >&2
    exit 1
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or install them first: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: node and npm are needed (Node.js 18 or newer)" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
