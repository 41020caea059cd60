#pragma once

#include <Eigen/Core>

#include "nn/shape.h"

namespace nn {

/// Where a k x k convolution with stride 1 and `pad` zeros on every side reads its input.
struct ConvGeometry {
  Shape in;
  Shape out;  // only height and width are used
  int kernel = 1;
  int pad = 0;

  int positions() const { return out.height * out.width; }          // P, per sample
  int patch_size() const { return in.channels * kernel * kernel; }  // C k k
};

/// im2col: unrolls the n samples of `input` (each a column of C x H x W floats in CHW order,
/// `stride` floats apart) into `patches`, an (n P) x (C k k) column-major matrix: row s P + p is
/// the window under output pixel p of sample s, column (c k + ky) k + kx its value at channel c,
/// kernel row ky, kernel column kx (zero where the window hangs over the padding). A convolution
/// is then one matrix product of the patches with the (C k k) x filters weights.
void unroll_patches(const ConvGeometry& geometry,
                    const float* input,
                    Eigen::Index stride,
                    int n,
                    float* patches);

/// col2im, the adjoint: sets `input_delta` (n columns of C H W floats, `stride` apart) to the sum,
/// over every patch that read a value, of that patch entry's gradient.
void fold_patches(const ConvGeometry& geometry,
                  const float* patch_gradient,
                  int n,
                  float* input_delta,
                  Eigen::Index stride);

}  // namespace nn
