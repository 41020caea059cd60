#pragma once

#include <cstdint>
#include <string_view>

#include "nn/network.h"

namespace nn {

/// How the weights start. Codes are stable (they appear in configs and logs).
enum class Init : unsigned char {
  Uniform = 0,  // the tutorial's "Ques 4": weights and biases uniform in +-1/sqrt(fan_in)
  Xavier = 1,   // Glorot uniform: +-sqrt(6 / (fan_in + fan_out)), zero biases
  He = 2,       // He uniform: +-sqrt(6 / fan_in), zero biases; for ReLU
};

std::string_view init_name(Init init);

/// Parses "uniform", "xavier" or "he"; throws std::invalid_argument otherwise.
Init parse_init(std::string_view name);

/// Draws every weight and bias from the seed: same seed, same network, on every build.
void initialize(Network& network, Init init, uint64_t seed);

}  // namespace nn
