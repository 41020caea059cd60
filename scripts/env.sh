# Sourced by the build scripts: functions every step shares.
#
# Sourcing this file reads nothing from the machine. The setup step (scripts/setup.sh) may install
# what a probe looks for: on a fresh machine, apt-get installing emscripten brings node-acorn and
# with it /usr/share/nodejs. A probe made when this file is sourced would run before that and see
# a machine that no longer exists, so every probe runs at the moment its answer is used.

# Where Debian keeps its node modules (acorn among them). A variable only so the scripts' own tests
# can stand in for a machine where the folder appears during setup.
NN_DEBIAN_NODE_MODULES="${NN_DEBIAN_NODE_MODULES:-/usr/share/nodejs}"

# Debian's Emscripten 3.1.6 runs its JS optimizer with the node on PATH and needs Debian's acorn,
# which another node does not find unless NODE_PATH names its folder. Called before every
# Emscripten step, after setup.
use_debian_node_modules() {
  if [[ -d "$NN_DEBIAN_NODE_MODULES" && ":${NODE_PATH:-}:" != *":$NN_DEBIAN_NODE_MODULES:"* ]]; then
    export NODE_PATH="$NN_DEBIAN_NODE_MODULES${NODE_PATH:+:$NODE_PATH}"
  fi
}

# Configures a preset once, then builds it (incrementally). Two cores here: one job each.
build_preset() {
  local preset="$1"
  shift
  local dir="build/$preset"
  export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}"
  if [[ "$preset" == wasm ]]; then
    use_debian_node_modules
    [[ -f "$dir/CMakeCache.txt" ]] || emcmake cmake --preset wasm >/dev/null
  else
    [[ -f "$dir/CMakeCache.txt" ]] || cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset" "$@"
}
