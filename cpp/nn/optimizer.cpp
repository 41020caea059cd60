#include "nn/optimizer.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {

std::string_view optimizer_name(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::Sgd:
      return "sgd";
    case OptimizerKind::Momentum:
      return "momentum";
    case OptimizerKind::Adam:
      return "adam";
  }
  return "unknown";
}

OptimizerKind parse_optimizer(std::string_view name) {
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}) {
    if (name == optimizer_name(kind)) return kind;
  }
  throw std::invalid_argument("unknown optimizer '" + std::string(name) +
                              "': expected sgd, momentum or adam");
}

Optimizer::Optimizer(const Network& network, OptimizerSettings settings) : settings_(settings) {
  if (settings_.kind == OptimizerKind::Sgd) return;
  const bool adam = settings_.kind == OptimizerKind::Adam;
  for (const DenseLayer& layer : network.layers()) {
    LayerState state;
    state.weight_moment = Matrix::Zero(layer.outputs(), layer.inputs());
    state.bias_moment = Vector::Zero(layer.outputs());
    if (adam) {
      state.weight_second_moment = Matrix::Zero(layer.outputs(), layer.inputs());
      state.bias_second_moment = Vector::Zero(layer.outputs());
    }
    state_.push_back(std::move(state));
  }
}

void Optimizer::step(Network& network, float learning_rate) {
  ++steps_;
  const float decay = settings_.weight_decay;
  auto& layers = network.layers();
  switch (settings_.kind) {
    case OptimizerKind::Sgd:
      for (DenseLayer& layer : layers) {
        layer.weights() -= learning_rate * (layer.weight_gradient() + decay * layer.weights());
        layer.bias() -= learning_rate * layer.bias_gradient();
      }
      return;
    case OptimizerKind::Momentum:
      for (size_t i = 0; i < layers.size(); ++i) {
        DenseLayer& layer = layers[i];
        LayerState& s = state_[i];
        const float mu = settings_.momentum;
        s.weight_moment = mu * s.weight_moment + layer.weight_gradient() + decay * layer.weights();
        s.bias_moment = mu * s.bias_moment + layer.bias_gradient();
        layer.weights() -= learning_rate * s.weight_moment;
        layer.bias() -= learning_rate * s.bias_moment;
      }
      return;
    case OptimizerKind::Adam: {
      const float b1 = settings_.beta1, b2 = settings_.beta2, eps = settings_.epsilon;
      // Bias correction folded into the step size (Kingma & Ba, section 2).
      const double correction1 = 1.0 - std::pow(double(b1), double(steps_));
      const double correction2 = 1.0 - std::pow(double(b2), double(steps_));
      const auto step_size = static_cast<float>(learning_rate * std::sqrt(correction2) / correction1);
      const auto eps_hat = static_cast<float>(eps * std::sqrt(correction2));
      for (size_t i = 0; i < layers.size(); ++i) {
        DenseLayer& layer = layers[i];
        LayerState& s = state_[i];
        auto g = (layer.weight_gradient() + decay * layer.weights()).array();
        s.weight_moment.array() = b1 * s.weight_moment.array() + (1 - b1) * g;
        s.weight_second_moment.array() = b2 * s.weight_second_moment.array() + (1 - b2) * g.square();
        layer.weights().array() -=
            step_size * s.weight_moment.array() / (s.weight_second_moment.array().sqrt() + eps_hat);
        auto gb = layer.bias_gradient().array();
        s.bias_moment.array() = b1 * s.bias_moment.array() + (1 - b1) * gb;
        s.bias_second_moment.array() = b2 * s.bias_second_moment.array() + (1 - b2) * gb.square();
        layer.bias().array() -=
            step_size * s.bias_moment.array() / (s.bias_second_moment.array().sqrt() + eps_hat);
      }
      return;
    }
  }
}

}  // namespace nn
