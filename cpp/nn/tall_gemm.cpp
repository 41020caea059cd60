#include "nn/tall_gemm.h"

#include <algorithm>

#include "nn/block_table.h"
#include "nn/simd.h"

namespace nn {
namespace {

using simd::kLanes;
using simd::Lanes;
using simd::load;
using simd::splat;
using simd::store;

// simd::kBlockVectors vectors of rows by 4 columns, as in conv_kernels.cpp.
constexpr int kRowVectors = simd::kBlockVectors;
constexpr int kColumns = 4;

// Rows [first + v L, + L) for v < kV - 1 and [last, last + L) for the final vector, which
// overlaps the one before when M is not a multiple of L (those rows are stored twice, equal).
template <int kV, int kN>
struct ProductBlock {
  static void run(int first,
                  int last,
                  int K,
                  const float* a,
                  std::ptrdiff_t lda,
                  const float* b,
                  std::ptrdiff_t b_row,
                  std::ptrdiff_t b_col,
                  float* c,
                  std::ptrdiff_t ldc) {
    int rows[kV];
    for (int v = 0; v < kV; ++v)
      rows[v] = v + 1 < kV ? first + v * kLanes : last;
    Lanes acc[kV][kN];
    simd::zero(acc);
    for (int k = 0; k < K; ++k) {
      const float* column = a + k * lda;
      Lanes x[kV];
      for (int v = 0; v < kV; ++v)
        x[v] = load(column + rows[v]);
      for (int n = 0; n < kN; ++n) {
        const Lanes w = splat(b[k * b_row + n * b_col]);
        for (int v = 0; v < kV; ++v)
          acc[v][n] += x[v] * w;
      }
    }
    for (int n = 0; n < kN; ++n) {
      for (int v = 0; v < kV; ++v)
        store(c + n * ldc + rows[v], acc[v][n]);
    }
  }
};

}  // namespace

void gemm_tall(int M,
               int N,
               int K,
               const float* a,
               std::ptrdiff_t lda,
               const float* b,
               std::ptrdiff_t b_row,
               std::ptrdiff_t b_col,
               float* c,
               std::ptrdiff_t ldc) {
  if (M < kLanes) {
    for (int n = 0; n < N; ++n) {
      for (int m = 0; m < M; ++m) {
        float sum = 0.0f;
        for (int k = 0; k < K; ++k)
          sum += a[m + k * lda] * b[k * b_row + n * b_col];
        c[m + n * ldc] = sum;
      }
    }
    return;
  }
  constexpr int kBlockRows = kRowVectors * kLanes;
  // One block of rows at a time, every column group in turn: A's rows stay in L1.
  for (int first = 0; first < M; first += kBlockRows) {
    const int vectors = std::min(kRowVectors, (M - first + kLanes - 1) / kLanes);
    const int last = std::min(first + (kRowVectors - 1) * kLanes, M - kLanes);
    for (int n = 0; n < N; n += kColumns) {
      const int columns = std::min(kColumns, N - n);
      kBlockTable<ProductBlock, kRowVectors, kColumns>[vectors - 1][columns - 1](
          first, last, K, a, lda, b + n * b_col, b_row, b_col, c + n * ldc, ldc);
    }
  }
}

}  // namespace nn
