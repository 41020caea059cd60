#include "nn/architecture.h"

#include <stdexcept>

namespace nn {

long long parameter_count(const std::vector<int>& sizes) {
  long long count = 0;
  for (size_t i = 1; i < sizes.size(); ++i) {
    count += static_cast<long long>(sizes[i - 1]) * sizes[i] + sizes[i];
  }
  return count;
}

void validate_architecture(const Architecture& architecture) {
  const auto& sizes = architecture.sizes;
  if (sizes.size() < 2 || sizes.size() > kMaxWeightLayers + 1) {
    throw std::invalid_argument("a network needs between 1 and " +
                                std::to_string(kMaxWeightLayers) + " weight layers, got " +
                                std::to_string(sizes.size() < 1 ? 0 : sizes.size() - 1));
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] < 1 || sizes[i] > kMaxLayerSize) {
      const char* what = i == 0                  ? "input size"
                         : i + 1 == sizes.size() ? "output size"
                                                 : "hidden size";
      throw std::invalid_argument(std::string(what) + " must be between 1 and " +
                                  std::to_string(kMaxLayerSize) + ", got " +
                                  std::to_string(sizes[i]));
    }
  }
  if (sizes.back() < 2 || sizes.back() > 256) {
    throw std::invalid_argument("output size (number of classes) must be between 2 and 256, got " +
                                std::to_string(sizes.back()));
  }
  if (parameter_count(sizes) > kMaxParameters) {
    throw std::invalid_argument("the network would have " + std::to_string(parameter_count(sizes)) +
                                " parameters; the limit is " + std::to_string(kMaxParameters));
  }
  if (!is_hidden_activation(architecture.hidden_activation)) {
    throw std::invalid_argument("hidden activation must be sigmoid, relu or tanh, got " +
                                std::string(activation_name(architecture.hidden_activation)));
  }
  if (!is_output_activation(architecture.output_activation)) {
    throw std::invalid_argument("output activation must be sigmoid or softmax, got " +
                                std::string(activation_name(architecture.output_activation)));
  }
}

std::string describe(const Architecture& architecture) {
  std::string text;
  for (size_t i = 0; i < architecture.sizes.size(); ++i) {
    if (i > 0)
      text += '-';
    text += std::to_string(architecture.sizes[i]);
  }
  text += ' ';
  if (architecture.sizes.size() > 2) {
    text += activation_name(architecture.hidden_activation);
    text += '/';
  }
  text += activation_name(architecture.output_activation);
  text += ' ';
  text += loss_name(architecture.loss);
  return text;
}

}  // namespace nn
