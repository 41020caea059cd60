#pragma once

#include <cstddef>

namespace nn {

/// A matrix product for dense layers: Eigen 3.4 has no wasm SIMD kernels, and its generic GEMM
/// spent an eighth of the cnn's training step in wasm (dense.cpp has the measurements). Written
/// once with vector extensions, like the other kernels (simd.h). Matrices are column-major with
/// the given leading dimensions.

/// C = A B: A is M x K (lda), B is K x N with element (k, n) at b[k * b_row + n * b_col] (any
/// strides: B is only read by broadcasts), C is M x N (ldc). Vectorised along M, which must be
/// at least one SIMD vector long (a smaller M runs a scalar loop).
void gemm_tall(int M,
               int N,
               int K,
               const float* a,
               std::ptrdiff_t lda,
               const float* b,
               std::ptrdiff_t b_row,
               std::ptrdiff_t b_col,
               float* c,
               std::ptrdiff_t ldc);

}  // namespace nn
