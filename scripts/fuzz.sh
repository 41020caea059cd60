#!/usr/bin/env bash
# npm run fuzz: builds the libFuzzer targets (the fuzz preset) and runs each in turn for a bounded
# time on a scratch copy of its checked-in seed corpus (fuzz/README.md).
#
#   bash scripts/fuzz.sh                 60 s per target (FUZZ_SECONDS=600 for longer)
#   bash scripts/fuzz.sh --smoke         5 s per target (npm test runs this)
#   bash scripts/fuzz.sh idx_fuzzer ...  only these targets
#
# Prints the executions per target and exits non-zero if any crashed; crash inputs are saved in
# fuzz/crashes/<target>/ and full logs in fuzz/corpus-work/<target>.log.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) seconds="${FUZZ_SECONDS:-5}" ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done

# target, its corpus folder under fuzz/corpus, and the largest input worth trying (bytes).
declare -A corpus=([idx_fuzzer]=idx [model_fuzzer]=model [model_structure_fuzzer]=model
                   [drawing_fuzzer]=drawing)
declare -A max_len=([idx_fuzzer]=4096 [model_fuzzer]=16384 [model_structure_fuzzer]=16384
                    [drawing_fuzzer]=1024)
all_targets=(idx_fuzzer model_fuzzer model_structure_fuzzer drawing_fuzzer)
((${#targets[@]} > 0)) || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
  if [[ -z "${corpus[$target]:-}" ]]; then
    echo "fuzz.sh: no target '$target'; the targets are: ${all_targets[*]}" >&2
    exit 2
  fi
done

# Setup first (clang-14 and its fuzzer runtime on a fresh machine), then anything that probes.
bash scripts/setup.sh fuzz >&2 || echo "fuzz.sh: setup incomplete; checking what is there" >&2
source scripts/env.sh

# libFuzzer needs clang and its fuzzer runtime: prove both with a trivial target.
missing() {
  echo "fuzz.sh: $1" >&2
  echo "fuzz.sh: install clang and the libFuzzer runtime: apt-get install clang-14 libclang-rt-14-dev" >&2
  exit 1
}
command -v clang++-14 >/dev/null || missing "clang++-14 is not installed"
probe_dir="$(mktemp -d)"
trap 'rm -rf "$probe_dir"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' \
  >"$probe_dir/probe.cpp"
clang++-14 -fsanitize=fuzzer,address,undefined "$probe_dir/probe.cpp" -o "$probe_dir/probe" \
  >"$probe_dir/log" 2>&1 || missing "clang++-14 cannot link a libFuzzer target: $(head -3 "$probe_dir/log")"

echo "=== building the fuzz preset (build/fuzz)"
mkdir -p fuzz/corpus-work
build_preset fuzz --target "${targets[@]}" >fuzz/corpus-work/build.log 2>&1 || {
  tail -30 fuzz/corpus-work/build.log >&2
  echo "fuzz.sh: the build failed (full log: fuzz/corpus-work/build.log)" >&2
  exit 1
}

crashed=()
printf '\n%-24s %7s %12s %9s %6s  %s\n' target seconds executions exec/s corpus result
for target in "${targets[@]}"; do
  work="fuzz/corpus-work/$target"
  crashes="fuzz/crashes/$target"
  log="fuzz/corpus-work/$target.log"
  rm -rf "$work"
  cp -r "fuzz/corpus/${corpus[$target]}" "$work"
  mkdir -p "$crashes"
  # One process at a time (no -jobs/-workers: the machine is shared). -timeout flags any input
  # slower than 10 s; a crash, a leak, a sanitizer report or a FUZZ_CHECK all end the run.
  "build/fuzz/fuzz/$target" "$work" \
    -max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
  status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  size="$(find "$work" -type f | wc -l)"
  if ((status == 0)) && grep -q '^Done [0-9]* runs' "$log"; then
    result=ok
  else
    artifact="$(sed -n "s/.*Test unit written to //p" "$log" | tail -1)"
    result="CRASHED (exit $status) ${artifact:-see $log}"
    crashed+=("$target")
  fi
  printf '%-24s %7s %12s %9s %6s  %s\n' "$target" "$seconds" "${runs:-?}" "${rate:-?}" "$size" "$result"
done

if ((${#crashed[@]} > 0)); then
  echo
  echo "fuzz.sh: crashed: ${crashed[*]}. Reproduce with: build/fuzz/fuzz/<target> <crash file>"
  echo "fuzz.sh: logs in fuzz/corpus-work/<target>.log; add fixed inputs to fuzz/corpus/ as regress-*"
  exit 1
fi
echo
echo "fuzz.sh: no crashes"
