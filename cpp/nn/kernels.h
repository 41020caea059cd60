#pragma once

#include <cstddef>
#include <cstdint>

namespace nn {

/// out[0, rows) = init[0, rows) + sum_j coefficients[j] * source[columns[j] * stride + (0, rows)]
/// (init may be null for zeros).
///
/// The one kernel behind the sparse first layer: the forward product (source = W, one column per
/// nonzero pixel of a sample) and the weight gradient (source = delta, one column per sample in
/// which a pixel is nonzero). Written with GCC/Clang vector extensions, so the same source becomes
/// AVX (native, FMA when enabled) or 128-bit wasm SIMD; accumulators stay in registers across the
/// whole sum and are stored once.
void accumulate_columns(const float* source,
                        std::ptrdiff_t stride,
                        int rows,
                        const int32_t* columns,
                        const float* coefficients,
                        int count,
                        const float* init,
                        float* out);

/// The number of floats in one SIMD register on this build (8 with AVX, else 4).
int simd_lanes();

}  // namespace nn
