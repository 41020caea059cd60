#include "support/networks.h"

#include <utility>

namespace test_support {

nn::Architecture architecture(std::vector<int> sizes,
                              nn::Activation hidden,
                              nn::Activation output,
                              nn::Loss loss) {
  nn::Architecture a;
  a.sizes = std::move(sizes);
  a.hidden_activation = hidden;
  a.output_activation = output;
  a.loss = loss;
  return a;
}

bool same_parameters(const nn::Network& a, const nn::Network& b) {
  if (a.architecture() != b.architecture())
    return false;
  for (size_t i = 0; i < a.layers().size(); ++i) {
    if (a.layers()[i].weights() != b.layers()[i].weights())
      return false;
    if (a.layers()[i].bias() != b.layers()[i].bias())
      return false;
  }
  return true;
}

}  // namespace test_support
