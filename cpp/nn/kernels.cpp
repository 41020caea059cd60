#include "nn/kernels.h"

#include "nn/simd.h"

namespace nn {
namespace {

using simd::kLanes;
using simd::Lanes;
using simd::load;
using simd::store;

// Rows [first + v * kLanes, + kLanes) for v < kVectors - 1, and [last, last + kLanes) for the
// final vector: kVectors accumulators held in registers for the whole sum, stored once. `last` is
// first + (kVectors - 1) * kLanes, or, when the rows are not a multiple of kLanes, the end of the
// rows minus kLanes: that vector overlaps the one before, and the shared rows get identical values.
template <int kVectors>
void accumulate_block(const float* source,
                      std::ptrdiff_t stride,
                      int first,
                      int last,
                      const int32_t* columns,
                      const float* coefficients,
                      int count,
                      const float* init,
                      float* out) {
  Lanes acc[kVectors];
  for (int v = 0; v + 1 < kVectors; ++v)
    acc[v] = init ? load(init + first + v * kLanes) : Lanes{};
  acc[kVectors - 1] = init ? load(init + last) : Lanes{};
  for (int j = 0; j < count; ++j) {
    const float* column = source + columns[j] * stride;
    const Lanes c = simd::splat(coefficients[j]);
    for (int v = 0; v + 1 < kVectors; ++v)
      acc[v] += load(column + first + v * kLanes) * c;
    acc[kVectors - 1] += load(column + last) * c;
  }
  for (int v = 0; v + 1 < kVectors; ++v)
    store(out + first + v * kLanes, acc[v]);
  store(out + last, acc[kVectors - 1]);
}

using BlockKernel = void (*)(const float*,
                             std::ptrdiff_t,
                             int,
                             int,
                             const int32_t*,
                             const float*,
                             int,
                             const float*,
                             float*);
constexpr int kMaxVectors = 8;  // 8 accumulators + a broadcast + loads fit 16 registers
constexpr BlockKernel kBlocks[kMaxVectors + 1] = {
    nullptr,
    accumulate_block<1>,
    accumulate_block<2>,
    accumulate_block<3>,
    accumulate_block<4>,
    accumulate_block<5>,
    accumulate_block<6>,
    accumulate_block<7>,
    accumulate_block<8>,
};

}  // namespace

int simd_lanes() {
  return kLanes;
}

void accumulate_columns(const float* source,
                        std::ptrdiff_t stride,
                        int rows,
                        const int32_t* columns,
                        const float* coefficients,
                        int count,
                        const float* init,
                        float* out) {
  int first = 0;
  for (; rows - first >= kMaxVectors * kLanes; first += kMaxVectors * kLanes) {
    accumulate_block<kMaxVectors>(source, stride, first, first + (kMaxVectors - 1) * kLanes,
                                  columns, coefficients, count, init, out);
  }
  if (first == rows)
    return;
  if (rows < kLanes) {  // too few rows for one vector
    for (int r = 0; r < rows; ++r) {
      float sum = init ? init[r] : 0.0f;
      for (int j = 0; j < count; ++j)
        sum += source[columns[j] * stride + r] * coefficients[j];
      out[r] = sum;
    }
    return;
  }
  const int vectors = (rows - first + kLanes - 1) / kLanes;
  kBlocks[vectors](source, stride, first, rows - kLanes, columns, coefficients, count, init, out);
}

}  // namespace nn
