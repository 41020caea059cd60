# Sourced by the build scripts: settings every step shares.

# Debian's Emscripten 3.1.6 needs Debian's acorn when the node on PATH is not Debian's own.
if [[ -d /usr/share/nodejs ]]; then
  export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
fi
# Two cores here: one compile job each.
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}"

# Configures a preset once, then builds it (incrementally).
build_preset() {
  local preset="$1"
  shift
  local dir="build/$preset"
  if [[ ! -f "$dir/CMakeCache.txt" ]]; then
    if [[ "$preset" == wasm ]]; then
      emcmake cmake --preset wasm >/dev/null
    else
      cmake --preset "$preset" >/dev/null
    fi
  fi
  cmake --build --preset "$preset" "$@"
}
