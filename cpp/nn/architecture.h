#pragma once

#include <string>
#include <vector>

#include "nn/activation.h"
#include "nn/loss.h"

namespace nn {

/// The shape of a fully connected network: everything a model file needs besides the weights.
struct Architecture {
  std::vector<int> sizes;  // input, hidden..., output; 784-30-10 is {784, 30, 10}
  Activation hidden_activation = Activation::Sigmoid;
  Activation output_activation = Activation::Sigmoid;
  Loss loss = Loss::MeanSquaredError;

  bool operator==(const Architecture& other) const {
    return sizes == other.sizes && hidden_activation == other.hidden_activation &&
           output_activation == other.output_activation && loss == other.loss;
  }
  bool operator!=(const Architecture& other) const { return !(*this == other); }
};

/// Bounds that keep memory bounded whatever a model file or a form claims.
inline constexpr int kMaxLayerSize = 4096;
inline constexpr int kMaxWeightLayers = 8;
inline constexpr long long kMaxParameters = 16'000'000;  // 64 MB of float32 weights

/// Throws std::invalid_argument naming the offending setting and its allowed range.
void validate_architecture(const Architecture& architecture);

/// "784-128-10 relu/softmax cross-entropy", for logs and legends.
std::string describe(const Architecture& architecture);

/// Weights and biases in a network of this shape.
long long parameter_count(const std::vector<int>& sizes);

}  // namespace nn
