#include "nn/init.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "nn/random.h"

namespace nn {

std::string_view init_name(Init init) {
  switch (init) {
    case Init::Uniform:
      return "uniform";
    case Init::Xavier:
      return "xavier";
    case Init::He:
      return "he";
  }
  return "unknown";
}

Init parse_init(std::string_view name) {
  for (Init init : {Init::Uniform, Init::Xavier, Init::He}) {
    if (name == init_name(init))
      return init;
  }
  throw std::invalid_argument("unknown init '" + std::string(name) +
                              "': expected uniform, xavier or he");
}

void initialize(Network& network, Init init, uint64_t seed) {
  Random random(seed);
  // Parameters in order (each layer's weights, then its biases), each in memory order: the draws
  // are the same on every build, and the same as before layers had kinds.
  for (const Parameter& p : network.parameters()) {
    const auto fan_in = static_cast<float>(p.fan_in);
    const auto fan_out = static_cast<float>(p.fan_out);
    float limit = 0.0f;
    switch (init) {
      case Init::Uniform:
        // Each layer's own fan-in: the tutorial's code reuses the first layer's limit for W2.
        limit = 1.0f / std::sqrt(fan_in);
        break;
      case Init::Xavier:
        limit = std::sqrt(6.0f / (fan_in + fan_out));
        break;
      case Init::He:
        limit = std::sqrt(6.0f / fan_in);
        break;
    }
    const bool zero =
        !p.is_weight() && init != Init::Uniform;  // biases start at 0 but for "uniform"
    for (Eigen::Index i = 0; i < p.size; ++i)
      p.value[i] = zero ? 0.0f : random.uniform(-limit, limit);
  }
}

}  // namespace nn
