#include "support/networks.h"

namespace test_support {

nn::Architecture architecture(std::vector<int> sizes,
                              nn::Activation hidden,
                              nn::Activation output,
                              nn::Loss loss) {
  return nn::Architecture::mlp(sizes, hidden, output, loss);
}

std::vector<float> all_parameters(const nn::Network& network) {
  std::vector<float> values;
  for (const nn::Parameter& p : network.parameters())
    values.insert(values.end(), p.value, p.value + p.size);
  return values;
}

std::vector<float> all_gradients(const nn::Network& network) {
  std::vector<float> values;
  for (const nn::Parameter& p : network.parameters())
    values.insert(values.end(), p.gradient, p.gradient + p.size);
  return values;
}

bool same_parameters(const nn::Network& a, const nn::Network& b) {
  return a.architecture() == b.architecture() && all_parameters(a) == all_parameters(b);
}

}  // namespace test_support
