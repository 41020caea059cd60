#pragma once

#include <vector>

#include "nn/architecture.h"
#include "nn/network.h"

namespace test_support {

/// The fully connected architecture of layer sizes `sizes` (input, hidden..., output) with these
/// activations and loss, written in one expression.
nn::Architecture architecture(std::vector<int> sizes,
                              nn::Activation hidden,
                              nn::Activation output,
                              nn::Loss loss);

/// Whether two networks have the same architecture and bit-identical parameters.
bool same_parameters(const nn::Network& a, const nn::Network& b);

/// Every parameter of the network, in parameters() order, as one vector (for comparisons).
std::vector<float> all_parameters(const nn::Network& network);

/// Every gradient of the network, in parameters() order, as one vector.
std::vector<float> all_gradients(const nn::Network& network);

}  // namespace test_support
