#pragma once

#include <Eigen/Core>

#include "nn/network.h"

namespace test_support {

/// A batch of values, one column per sample, in double: what the reference computes with.
using ReferenceMatrix = Eigen::MatrixXd;

/// A k x k convolution written as the definition's loop, in double: output (f, y, x) of a sample
/// is bias[f] + sum over c, ky, kx of weight[f][c][ky][kx] * input(c, y + ky - pad, x + kx - pad),
/// with zeros outside the input. weights are [filters][channels][k][k] (OIHW). Nothing is shared
/// with the core's im2col path.
ReferenceMatrix reference_conv2d(const ReferenceMatrix& input,
                                 const nn::Shape& in,
                                 const float* weights,
                                 const float* bias,
                                 int filters,
                                 int kernel,
                                 int pad);

/// 2 x 2, stride 2 max-pooling, as a loop. `smallest_gap`, when given, is lowered to the
/// smallest difference between a window's maximum and its runner-up.
ReferenceMatrix reference_max_pool(const ReferenceMatrix& input,
                                   const nn::Shape& in,
                                   double* smallest_gap = nullptr);

/// How close a forward pass came to where its derivative jumps: a finite difference is only valid
/// where no perturbation can cross one.
struct Kinks {
  double relu_input = 1e300;  // the smallest |z| fed to a ReLU
  double pool_gap = 1e300;    // the smallest gap between a pooling window's two largest values
};

/// The network's forward pass recomputed layer by layer with the loops above (dense layers as
/// W x + b), in double; `kinks`, when given, receives how close it came to a kink.
ReferenceMatrix reference_forward(const nn::Network& network,
                                  const ReferenceMatrix& input,
                                  Kinks* kinks = nullptr);

}  // namespace test_support
