#pragma once

#include <cstdio>

/// An invariant of the code under test: on violation, say which and stop at once so libFuzzer
/// saves the input. (A trap, not assert(), so it holds in every build type.)
#define FUZZ_CHECK(condition)                                                                  \
  do {                                                                                         \
    if (!(condition)) {                                                                        \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      __builtin_trap();                                                                        \
    }                                                                                          \
  } while (0)

/// For a fuzzer's own checking loops: no coverage instrumentation, so they neither slow a run
/// down with comparison tracing nor count as coverage of the code under test.
#define FUZZ_NOT_INSTRUMENTED __attribute__((no_sanitize("coverage")))
