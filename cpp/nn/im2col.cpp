#include "nn/im2col.h"

#include <algorithm>

namespace nn {
namespace {

// The output columns [first, last) whose kernel column kx reads inside the input row; the others
// read padding.
struct ColumnRange {
  int first;
  int last;
};
ColumnRange inside(const ConvGeometry& g, int kx) {
  const int first = std::max(0, g.pad - kx);
  const int last = std::min(g.out.width, g.in.width + g.pad - kx);
  return {first, std::max(first, last)};
}

}  // namespace

void unroll_patches(const ConvGeometry& g,
                    const float* input,
                    Eigen::Index stride,
                    int n,
                    float* patches) {
  const int k = g.kernel, P = g.positions(), H = g.in.height, W = g.in.width, OW = g.out.width;
  const Eigen::Index rows = static_cast<Eigen::Index>(n) * P;
  // Sample-major: one sample's input (3 KB for MNIST) stays in cache while its patches are written.
  for (int s = 0; s < n; ++s) {
    const float* sample = input + s * stride;
    for (int c = 0; c < g.in.channels; ++c) {
      const float* channel = sample + static_cast<Eigen::Index>(c) * H * W;
      for (int ky = 0; ky < k; ++ky) {
        for (int kx = 0; kx < k; ++kx) {
          const Eigen::Index column = (static_cast<Eigen::Index>(c) * k + ky) * k + kx;
          float* out = patches + column * rows + static_cast<Eigen::Index>(s) * P;
          const ColumnRange cols = inside(g, kx);
          for (int oy = 0; oy < g.out.height; ++oy, out += OW) {
            const int iy = oy + ky - g.pad;
            if (iy < 0 || iy >= H) {
              std::fill(out, out + OW, 0.0f);
              continue;
            }
            // Output column ox reads input column ox + kx - pad.
            const float* row = channel + iy * W + (cols.first + kx - g.pad);
            std::fill(out, out + cols.first, 0.0f);
            std::copy(row, row + (cols.last - cols.first), out + cols.first);
            std::fill(out + cols.last, out + OW, 0.0f);
          }
        }
      }
    }
  }
}

void fold_patches(const ConvGeometry& g,
                  const float* patch_gradient,
                  int n,
                  float* input_delta,
                  Eigen::Index stride) {
  const int k = g.kernel, P = g.positions(), H = g.in.height, W = g.in.width, OW = g.out.width;
  const Eigen::Index rows = static_cast<Eigen::Index>(n) * P;
  for (int s = 0; s < n; ++s) {
    float* sample = input_delta + s * stride;
    std::fill(sample, sample + g.in.size(), 0.0f);
    for (int c = 0; c < g.in.channels; ++c) {
      float* channel = sample + static_cast<Eigen::Index>(c) * H * W;
      for (int ky = 0; ky < k; ++ky) {
        for (int kx = 0; kx < k; ++kx) {
          const Eigen::Index column = (static_cast<Eigen::Index>(c) * k + ky) * k + kx;
          const float* in = patch_gradient + column * rows + static_cast<Eigen::Index>(s) * P;
          const ColumnRange cols = inside(g, kx);
          for (int oy = 0; oy < g.out.height; ++oy, in += OW) {
            const int iy = oy + ky - g.pad;
            if (iy < 0 || iy >= H)
              continue;
            float* row = channel + iy * W + (cols.first + kx - g.pad);
            for (int ox = cols.first; ox < cols.last; ++ox)
              row[ox - cols.first] += in[ox];
          }
        }
      }
    }
  }
}

}  // namespace nn
