#pragma once
// Dispatch for register-blocked kernels: a kernel written once as Block<a, b>::run, for blocks of
// a x b vectors, is instantiated for every shape up to kA x kB, so the blocks at an edge (fewer
// rows, taps or filters left) still keep their accumulators in registers.

#include <array>
#include <utility>

namespace nn {

template <template <int, int> class Block, int kA, int... B>
constexpr auto block_row(std::integer_sequence<int, B...>) {
  return std::array{&Block<kA, B + 1>::run...};
}

template <template <int, int> class Block, int kB, int... A>
constexpr auto block_rows(std::integer_sequence<int, A...>) {
  return std::array{block_row<Block, A + 1>(std::make_integer_sequence<int, kB>{})...};
}

/// kBlockTable<Block, kA, kB>[a - 1][b - 1] is &Block<a, b>::run, for 1 <= a <= kA, 1 <= b <= kB.
template <template <int, int> class Block, int kA, int kB>
constexpr auto kBlockTable = block_rows<Block, kB>(std::make_integer_sequence<int, kA>{});

}  // namespace nn
