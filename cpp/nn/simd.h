#pragma once
// The SIMD vector the hand-written kernels compute with: GCC/Clang vector extensions, so one
// source becomes AVX (native, with FMA where enabled) or 128-bit wasm SIMD (-msimd128).

#include <cstring>

namespace nn::simd {

#if defined(__AVX__)
inline constexpr int kLanes = 8;
#else
inline constexpr int kLanes = 4;  // SSE2, or wasm simd128
#endif
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

typedef int IntLanes __attribute__((vector_size(kLanes * sizeof(int))));

/// The register-blocked kernels (convolutions, tall_gemm) keep blocks of this many vectors by 4
/// of accumulators: 3 by 4 is 12 accumulators plus 3 loads and a broadcast, the 16 vector
/// registers of AVX2. In wasm, V8 keeps one of the 16 for itself and multiplies and adds
/// separately (a temporary per product): 3 by 4 spilled accumulators on every step, and 2 by 4 ran
/// the cnn's convolutions 12% faster there (per kernel, best of 200 batches, 2026-12-02), while
/// natively it ran them 40% slower.
#if defined(__wasm__)
inline constexpr int kBlockVectors = 2;
#else
inline constexpr int kBlockVectors = 3;
#endif

inline Lanes load(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);  // unaligned; compiles to one vector load
  return v;
}

inline void store(float* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}

/// x in every lane. Written x - 0, which compilers fold to a bare broadcast (x + 0 is not the
/// identity for x = -0, so Lanes{} + x costs an add per broadcast).
inline Lanes splat(float x) {
  return x - Lanes{};
}

/// Sets a block of accumulators to 0 one by one: `Lanes acc[a][b] = {}` became a `rep stos` to
/// the stack and reloads in GCC, a tenth of a short kernel's time.
template <int kA, int kB>
inline void zero(Lanes (&acc)[kA][kB]) {
  for (int a = 0; a < kA; ++a) {
    for (int b = 0; b < kB; ++b)
      acc[a][b] = Lanes{};
  }
}

/// values where test > 0, else 0 (a select by mask: no branch, no multiplication by 0).
inline Lanes where_positive(Lanes test, Lanes values) {
  const IntLanes mask = test > Lanes{};
  return reinterpret_cast<Lanes>(reinterpret_cast<IntLanes>(values) & mask);
}

/// a where mask (from a comparison) is set, else b: no branch.
inline Lanes select(IntLanes mask, Lanes a, Lanes b) {
  const IntLanes bits_a = reinterpret_cast<IntLanes>(a), bits_b = reinterpret_cast<IntLanes>(b);
  return reinterpret_cast<Lanes>((bits_a & mask) | (bits_b & ~mask));
}
inline IntLanes select(IntLanes mask, IntLanes a, IntLanes b) {
  return (a & mask) | (b & ~mask);
}

inline IntLanes load_ints(const int* p) {
  IntLanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store_ints(int* p, IntLanes v) {
  std::memcpy(p, &v, sizeof v);
}

/// 0, 1, ..., kLanes - 1.
inline IntLanes iota() {
  IntLanes v;
  for (int i = 0; i < kLanes; ++i)
    v[i] = i;
  return v;
}

/// The even lanes of a then of b, and the odd ones: pairs (a0, a1), (a2, a3), ... split in two.
template <typename V>
inline void deinterleave(V a, V b, V& even, V& odd) {
#if defined(__AVX__)
  even = __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14);
  odd = __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15);
#else
  even = __builtin_shufflevector(a, b, 0, 2, 4, 6);
  odd = __builtin_shufflevector(a, b, 1, 3, 5, 7);
#endif
}

inline float sum(Lanes v) {
  float total = 0.0f;
  for (int i = 0; i < kLanes; ++i)
    total += v[i];
  return total;
}

/// x[0] + ... + x[n - 1], in kLanes partial sums.
inline float sum_of(const float* x, long n) {
  Lanes partial{};
  long i = 0;
  for (; i + kLanes <= n; i += kLanes)
    partial += load(x + i);
  float total = sum(partial);
  for (; i < n; ++i)
    total += x[i];
  return total;
}

}  // namespace nn::simd
