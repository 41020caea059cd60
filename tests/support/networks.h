#pragma once

#include <vector>

#include "nn/architecture.h"
#include "nn/network.h"

namespace test_support {

/// The architecture of layer sizes `sizes` (input, hidden..., output) with these activations and
/// loss, written in one expression.
nn::Architecture architecture(std::vector<int> sizes,
                              nn::Activation hidden,
                              nn::Activation output,
                              nn::Loss loss);

/// Whether two networks have the same architecture and bit-identical weights and biases.
bool same_parameters(const nn::Network& a, const nn::Network& b);

}  // namespace test_support
