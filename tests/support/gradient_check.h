#pragma once

#include <Eigen/Core>
#include <functional>
#include <string>

#include "nn/architecture.h"
#include "nn/layer.h"

namespace test_support {

/// Backpropagation checked against central differences: for each of `count` values at `values`,
/// (loss(v + eps) - loss(v - eps)) / (2 eps) must match analytic[i] within
/// 2e-4 + 2e-3 |numeric|. In float, eps = 1e-3 balances the O(eps^2) truncation error against the
/// loss's rounding error divided by eps (both about 1e-5 here). Each value is restored after use.
/// Returns the largest |numeric| gradient seen, so callers can require it to be large next to
/// the tolerance (a check of gradients that are all about 0 proves nothing).
double check_against_differences(float* values,
                                 const float* analytic,
                                 Eigen::Index count,
                                 const std::function<double()>& loss,
                                 const std::string& what);

/// Backpropagation through a whole network of this architecture, for every parameter: random
/// parameters (weights in +-weight_range, biases in +-0.5) and a batch of 5 random inputs in
/// [-1, 1], with the first seed whose ReLU inputs and pooling windows keep clear of their kinks;
/// the loss's gradient must match central differences of the mean loss.
void check_gradients(const nn::Architecture& arch, float weight_range = 1.0f);

/// Checks one layer's backward() in isolation: L = sum(r .* layer(x)) for a fixed r (output size
/// x n) is differentiated numerically with respect to every parameter and every input value, and
/// compared with what backward() computes from delta = r .* f'(z). Returns the largest |numeric|.
double check_layer_gradients(nn::Layer& layer, nn::Matrix& x, const nn::Matrix& r);

}  // namespace test_support
