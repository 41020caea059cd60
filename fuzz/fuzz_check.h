#pragma once

/// An invariant of the code under test: on violation, stop at once so libFuzzer saves the input.
/// (A trap, not assert(), so it holds in every build type.)
#define FUZZ_CHECK(condition)            \
  do {                                   \
    if (!(condition)) __builtin_trap();  \
  } while (0)
