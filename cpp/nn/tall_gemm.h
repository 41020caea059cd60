#pragma once

#include <cstddef>

namespace nn {

/// Matrix products for dense layers where Eigen has no SIMD kernels: in WebAssembly (Eigen 3.4
/// knows no wasm SIMD, and its generic GEMM ran scalar there, an eighth of the cnn's training
/// step). Written once with vector extensions, like the other kernels (simd.h). All matrices are
/// column-major with the given leading dimensions.

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

/// C = A^T D: A is M x K (lda), D is M x N (ldd), C is K x N (ldc). Sums along M.
void gemm_transposed(int M,
                     int K,
                     int N,
                     const float* a,
                     std::ptrdiff_t lda,
                     const float* d,
                     std::ptrdiff_t ldd,
                     float* c,
                     std::ptrdiff_t ldc);

}  // namespace nn
