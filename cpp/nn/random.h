#pragma once

#include <cstdint>
#include <utility>

namespace nn {

/// A small, portable pseudo-random generator (xoshiro128+ seeded by splitmix64).
/// std::uniform_real_distribution differs between libstdc++ and libc++; this does not,
/// so the native and the WebAssembly builds draw the same weights and shuffles from a seed.
class Random {
 public:
  explicit Random(uint64_t seed) {
    for (uint32_t& word : state_) {
      seed += 0x9E3779B97F4A7C15ull;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      word = static_cast<uint32_t>((z ^ (z >> 31)) >> 32);
    }
  }

  uint32_t next_u32() {
    const uint32_t result = state_[0] + state_[3];
    const uint32_t t = state_[1] << 9;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = (state_[3] << 11) | (state_[3] >> 21);
    return result;
  }

  /// Uniform in [0, 1), from the top 24 bits so every value is an exact float.
  float uniform01() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

  /// Uniform in [low, high).
  float uniform(float low, float high) { return low + (high - low) * uniform01(); }

  /// Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject).
  uint32_t below(uint32_t bound) {
    uint64_t product = static_cast<uint64_t>(next_u32()) * bound;
    auto low = static_cast<uint32_t>(product);
    if (low < bound) {
      const uint32_t threshold = (0u - bound) % bound;
      while (low < threshold) {
        product = static_cast<uint64_t>(next_u32()) * bound;
        low = static_cast<uint32_t>(product);
      }
    }
    return static_cast<uint32_t>(product >> 32);
  }

  /// Fisher-Yates shuffle of a random-access range.
  template <typename It>
  void shuffle(It first, It last) {
    for (auto n = static_cast<uint32_t>(last - first); n > 1; --n) {
      const uint32_t j = below(n);
      std::swap(first[n - 1], first[j]);
    }
  }

 private:
  uint32_t state_[4];
};

}  // namespace nn
