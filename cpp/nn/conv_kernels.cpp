#include "nn/conv_kernels.h"

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
using simd::zero;

// Register blocking: simd::kBlockVectors vectors of outputs (or taps) by 4 filters (simd.h says
// why 3 natively and 2 in wasm). Filter counts that 4 does not divide but 6 does (the cnn's first
// convolution: 6) take 2 by 6 instead, so no block of 2 filters is left over.
constexpr int kVectors = simd::kBlockVectors;
constexpr int kFilters = 4;
constexpr int kVectorsBy6 = 2;
constexpr int kFiltersBy6 = 6;
// The input gradient's taps per block: 3 in both builds (2 ran 9% slower in wasm).
constexpr int kInputGradientTaps = 3;

struct Blocking {
  int vectors;  // or taps
  int filters;
  bool by6;
};
Blocking blocking_for(int filters) {
  if (filters % kFilters != 0 && filters % kFiltersBy6 == 0)
    return {kVectorsBy6, kFiltersBy6, true};
  return {kVectors, kFilters, false};
}

// Block<a, b>::run(args...) from the table of the blocking in use.
template <template <int, int> class Block, typename... Args>
void run_block(const Blocking& blocking, int a, int b, Args... args) {
  if (blocking.by6) {
    kBlockTable<Block, kVectorsBy6, kFiltersBy6>[a - 1][b - 1](args...);
  } else {
    kBlockTable<Block, kVectors, kFilters>[a - 1][b - 1](args...);
  }
}
// Weight gradient: samples taken together per block, as many as keep their inputs and output
// gradients within L1 (32 KB on the x86-64 cores of the last decade). The cnn's first
// convolution (17 KB a sample) took 20% longer in groups of 16, reading from L2.
constexpr int kGroupBytes = 32 * 1024;

// L outputs along a row, from (y, x): their offsets in the input plane and the output plane.
struct Spot {
  int32_t in;
  int32_t out;
};

// ---- forward ----------------------------------------------------------------------------------

template <int kV, int kF>
struct ForwardBlock {
  static void run(const Spot* spots,
                  int K,
                  const int32_t* taps,
                  const float* in,
                  const float* weights,
                  const float* bias,
                  float* out,
                  std::ptrdiff_t out_plane) {
    Lanes acc[kV][kF];
    for (int f = 0; f < kF; ++f) {
      for (int v = 0; v < kV; ++v)
        acc[v][f] = bias ? splat(bias[f]) : Lanes{};
    }
    for (int k = 0; k < K; ++k) {
      const float* base = in + taps[k];
      Lanes x[kV];
      for (int v = 0; v < kV; ++v)
        x[v] = load(base + spots[v].in);
      for (int f = 0; f < kF; ++f) {
        const Lanes w = splat(weights[f * K + k]);
        for (int v = 0; v < kV; ++v)
          acc[v][f] += x[v] * w;
      }
    }
    for (int f = 0; f < kF; ++f) {
      for (int v = 0; v < kV; ++v)
        store(out + f * out_plane + spots[v].out, acc[v][f]);
    }
  }
};

// Rows narrower than a vector: the definition's loop.
void forward_scalar(const ConvPlan& plan,
                    const int32_t* taps,
                    const float* in,
                    const float* weights,
                    const float* bias,
                    float* out) {
  const int K = plan.patch_size(), OH = plan.out_height(), OW = plan.out_width();
  for (int f = 0; f < plan.filters; ++f) {
    for (int y = 0; y < OH; ++y) {
      for (int x = 0; x < OW; ++x) {
        float sum = bias ? bias[f] : 0.0f;
        for (int k = 0; k < K; ++k)
          sum += weights[f * K + k] * in[taps[k] + y * plan.width + x];
        out[(f * OH + y) * OW + x] = sum;
      }
    }
  }
}

// ---- weight gradient --------------------------------------------------------------------------

template <int kT, int kF>
struct GradientBlock {
  static void run(const ConvPlan& plan,
                  const int32_t* taps,
                  int n,
                  const float* in,
                  std::ptrdiff_t in_stride,
                  const float* d,
                  std::ptrdiff_t d_stride,
                  float* partial) {
    const int K = plan.patch_size(), OH = plan.out_height(), OW = plan.out_width();
    const int P = OH * OW, full = OW - OW % kLanes;  // columns covered by whole vectors
    Lanes acc[kT][kF];
    zero(acc);
    // Columns outside, rows inside: a narrow output (8 wide: one vector per row) then runs one
    // tight loop down its rows instead of a loop of one iteration per row.
    for (int s = 0; s < n; ++s) {
      for (int x = 0; x < full; x += kLanes) {
        const float* row_in = in + s * in_stride + x;
        const float* row_d = d + s * d_stride + x;
        for (int y = 0; y < OH; ++y, row_in += plan.width, row_d += OW) {
          Lanes a[kT];
          for (int t = 0; t < kT; ++t)
            a[t] = load(row_in + taps[t]);
          for (int f = 0; f < kF; ++f) {
            const Lanes g = load(row_d + f * P);
            for (int t = 0; t < kT; ++t)
              acc[t][f] += a[t] * g;
          }
        }
      }
    }
    // Kept as vectors (a horizontal sum per block and group cost more than the groups saved).
    for (int t = 0; t < kT; ++t) {
      for (int f = 0; f < kF; ++f) {
        float* sum = partial + (f * K + t) * kLanes;
        store(sum, load(sum) + acc[t][f]);
      }
    }
    // The columns past the last whole vector, in a pass of their own: inside the loop above, their
    // scalar code made the compiler spill the accumulators on every row.
    for (int s = 0; s < n && full < OW; ++s) {
      for (int y = 0; y < OH; ++y) {
        const float* row_in = in + s * in_stride + y * plan.width;
        const float* row_d = d + s * d_stride + y * OW;
        for (int x = full; x < OW; ++x) {
          for (int t = 0; t < kT; ++t) {
            for (int f = 0; f < kF; ++f)
              partial[(f * K + t) * kLanes] += row_in[taps[t] + x] * row_d[f * P + x];
          }
        }
      }
    }
  }
};

// ---- input gradient ---------------------------------------------------------------------------

// Taps (c, ky + t, kx) for t < kT and output rows y + v for v < kV, all at columns [x, x + L),
// for each kx in turn: tap t of row v adds to input row y + v + ky + t. Taps of one kernel column
// stacked vertically send several accumulators to the same input row (tap t + 1 of row v is tap t
// of row v + 1), so they are summed in registers first; taps side by side would write partly
// overlapping vectors, which stalls store forwarding. Every kx in one call: a call per kx spent
// a fifth of its time getting in and out.
template <int kT, int kV>
struct InputGradientBlock {
  static void run(const ConvPlan& plan,
                  int c,
                  int ky,
                  int y,
                  int x,
                  const float* d,
                  const float* weights,
                  float* din) {
    const int K = plan.patch_size(), OW = plan.out_width();
    const int P = plan.out_height() * OW;
    const float* rows = d + y * OW + x;
    for (int kx = 0; kx < plan.kernel; ++kx) {
      const int tap = (c * plan.kernel + ky) * plan.kernel + kx;
      Lanes acc[kT][kV];
      zero(acc);
      for (int f = 0; f < plan.filters; ++f) {
        // The weights in registers and each gradient row loaded once: loading the rows for every
        // tap (what GCC made of the other loop order) left the loop waiting on loads.
        Lanes w[kT];
        for (int t = 0; t < kT; ++t)
          w[t] = splat(weights[f * K + tap + t * plan.kernel]);
        for (int v = 0; v < kV; ++v) {
          const Lanes g = load(rows + f * P + v * OW);
          for (int t = 0; t < kT; ++t)
            acc[t][v] += g * w[t];
        }
      }
      // Tap t of row v lands on input row y + ky + t + v: sum the accumulators of each such row
      // in registers, then one read-add-write per row.
      float* plane = din + c * plan.height * plan.width + kx + x;
      for (int r = 0; r < kT + kV - 1; ++r) {
        Lanes sum = {};
        for (int t = 0; t < kT; ++t) {
          if (r - t >= 0 && r - t < kV)
            sum += acc[t][r - t];
        }
        float* row = plane + (y + ky + r) * plan.width;
        store(row, load(row) + sum);
      }
    }
  }
};

}  // namespace

std::vector<int32_t> ConvPlan::tap_offsets() const {
  std::vector<int32_t> taps;
  taps.reserve(static_cast<size_t>(patch_size()));
  for (int c = 0; c < channels; ++c) {
    for (int ky = 0; ky < kernel; ++ky) {
      for (int kx = 0; kx < kernel; ++kx)
        taps.push_back((c * height + ky) * width + kx);
    }
  }
  return taps;
}

void conv2d_forward(const ConvPlan& plan,
                    const int32_t* taps,
                    const float* in,
                    const float* weights,
                    const float* bias,
                    float* out) {
  const int K = plan.patch_size(), OH = plan.out_height(), OW = plan.out_width();
  if (OW < kLanes) {
    forward_scalar(plan, taps, in, weights, bias, out);
    return;
  }
  // The vectors of a row start every L columns; when L does not divide the width, the last one
  // starts at OW - L and overlaps the one before (the shared outputs are computed twice, equal).
  const int per_row = (OW + kLanes - 1) / kLanes;
  const std::ptrdiff_t plane = static_cast<std::ptrdiff_t>(OH) * OW;
  const Blocking blocking = blocking_for(plan.filters);
  int y = 0, column = 0;
  while (y < OH) {
    Spot spots[kVectors];
    int count = 0;
    for (; count < blocking.vectors && y < OH; ++count) {
      const int x = std::min(column * kLanes, OW - kLanes);
      spots[count] = {y * plan.width + x, y * OW + x};
      if (++column == per_row) {
        column = 0;
        ++y;
      }
    }
    for (int f = 0; f < plan.filters; f += blocking.filters) {
      const int filters = std::min(blocking.filters, plan.filters - f);
      run_block<ForwardBlock>(blocking, count, filters, static_cast<const Spot*>(spots), K, taps,
                              in, weights + f * K, bias ? bias + f : nullptr, out + f * plane,
                              plane);
    }
  }
}

void conv2d_input_gradient(const ConvPlan& plan, const float* d, const float* weights, float* din) {
  const int k = plan.kernel, K = plan.patch_size(), OH = plan.out_height(), OW = plan.out_width();
  const int P = OH * OW;
  const int full = OW < kLanes ? 0 : OW - OW % kLanes;  // columns covered by whole vectors
  constexpr int kRows = kFilters;  // output rows per block: 4, like the filters elsewhere
  for (int c = 0; c < plan.channels; ++c) {
    for (int ky = 0; ky < k; ky += kInputGradientTaps) {
      const int taps = std::min(kInputGradientTaps, k - ky);
      for (int x = 0; x < full; x += kLanes) {
        for (int y = 0; y < OH; y += kRows) {
          kBlockTable<InputGradientBlock, kInputGradientTaps,
                      kRows>[taps - 1][std::min(kRows, OH - y) - 1](plan, c, ky, y, x, d, weights,
                                                                    din);
        }
      }
    }
  }
  // The columns past the last whole vector.
  for (int c = 0; c < plan.channels; ++c) {
    float* plane = din + c * plan.height * plan.width;
    for (int ky = 0; ky < k; ++ky) {
      for (int kx = 0; kx < k; ++kx) {
        const int tap = (c * k + ky) * k + kx;
        for (int y = 0; y < OH; ++y) {
          for (int x = full; x < OW; ++x) {
            float sum = 0.0f;
            for (int f = 0; f < plan.filters; ++f)
              sum += weights[f * K + tap] * d[f * P + y * OW + x];
            plane[(y + ky) * plan.width + x + kx] += sum;
          }
        }
      }
    }
  }
}

std::size_t conv2d_weight_gradient_scratch(const ConvPlan& plan) {
  return static_cast<std::size_t>(plan.patch_size()) * plan.filters * kLanes;
}

void conv2d_weight_gradient(const ConvPlan& plan,
                            const int32_t* taps,
                            int n,
                            const float* in,
                            std::ptrdiff_t in_stride,
                            const float* d,
                            std::ptrdiff_t d_stride,
                            float* dweights,
                            float* scratch) {
  const int K = plan.patch_size();
  std::fill(scratch, scratch + conv2d_weight_gradient_scratch(plan), 0.0f);
  // Not 2 by 6 for 6 filters: natively it ran slower (GCC read each output gradient twice).
  const Blocking blocking{kVectors, kFilters, false};
  const std::ptrdiff_t sample_bytes = (in_stride + d_stride) * std::ptrdiff_t{sizeof(float)};
  const int group_size = static_cast<int>(std::max<std::ptrdiff_t>(1, kGroupBytes / sample_bytes));
  for (int s = 0; s < n; s += group_size) {
    const int group = std::min(group_size, n - s);
    for (int t = 0; t < K; t += blocking.vectors) {
      const int count = std::min(blocking.vectors, K - t);
      for (int f = 0; f < plan.filters; f += blocking.filters) {
        const int filters = std::min(blocking.filters, plan.filters - f);
        run_block<GradientBlock>(blocking, count, filters, plan, taps + t, group,
                                 in + s * in_stride, in_stride,
                                 d + s * d_stride + f * plan.out_height() * plan.out_width(),
                                 d_stride, scratch + (f * K + t) * kLanes);
      }
    }
  }
  for (int i = 0; i < K * plan.filters; ++i)
    dweights[i] += simd::sum(load(scratch + i * kLanes));
}

}  // namespace nn
