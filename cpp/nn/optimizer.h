#pragma once

#include <string_view>
#include <vector>

#include "nn/matrix.h"
#include "nn/network.h"

namespace nn {

enum class OptimizerKind : unsigned char { Sgd = 0, Momentum = 1, Adam = 2 };

std::string_view optimizer_name(OptimizerKind kind);

/// Parses "sgd", "momentum" or "adam"; throws std::invalid_argument otherwise.
OptimizerKind parse_optimizer(std::string_view name);

struct OptimizerSettings {
  OptimizerKind kind = OptimizerKind::Sgd;
  float momentum = 0.9f;      // Momentum: v = momentum v + g; w -= lr v
  float beta1 = 0.9f;         // Adam's first-moment decay
  float beta2 = 0.999f;       // Adam's second-moment decay
  float epsilon = 1e-8f;      // Adam's denominator guard
  float weight_decay = 0.0f;  // L2: adds weight_decay * W to dC/dW (biases are not decayed)
};

/// Applies one update from the gradients the last backward() left in the network's parameters,
/// leaving out those of frozen layers (Network::freeze_layer).
/// State (velocities, moments) is allocated once, at construction, one array per parameter.
class Optimizer {
 public:
  /// Throws std::invalid_argument for an inference-only network (it has no gradients).
  Optimizer(const Network& network, OptimizerSettings settings);

  void step(Network& network, float learning_rate);

  const OptimizerSettings& settings() const { return settings_; }
  long long steps() const { return steps_; }

 private:
  struct State {
    Vector moment;         // momentum's velocity, Adam's first moment m
    Vector second_moment;  // Adam's v
  };
  OptimizerSettings settings_;
  std::vector<State> state_;  // per parameter array, in the network's order
  long long steps_ = 0;
};

}  // namespace nn
