#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "nn/loss.h"
#include "nn/network.h"
#include "nn/random.h"
#include "support/networks.h"

using Catch::Matchers::WithinAbs;
using test_support::architecture;

// Backpropagation checked against central differences of the loss, for every parameter:
// dC/dp ~ (C(p + eps) - C(p - eps)) / (2 eps). In float, eps = 1e-3 balances the O(eps^2)
// truncation error against the loss's rounding error divided by eps (both ~1e-5 here).

namespace {

constexpr float kEpsilon = 1e-3f;
constexpr int kSamples = 5;

// Weights in [-1, 1] and biases in [-0.5, 0.5]: larger than the init's, so gradients are not tiny.
void randomize(nn::Network& network, nn::Random& random) {
  for (nn::DenseLayer& layer : network.layers()) {
    for (Eigen::Index i = 0; i < layer.weights().size(); ++i) {
      layer.weights().data()[i] = random.uniform(-1.0f, 1.0f);
    }
    for (Eigen::Index i = 0; i < layer.bias().size(); ++i)
      layer.bias()[i] = random.uniform(-0.5f, 0.5f);
  }
}

// The mean loss over the batch, from a fresh forward pass.
double batch_loss(nn::Network& network, const nn::Matrix& x, const std::vector<uint8_t>& labels) {
  const nn::Matrix outputs = network.forward(x);
  const nn::Architecture& a = network.architecture();
  return nn::loss_sum(a.loss, a.output_activation, network.logits(), outputs, labels.data()) /
         static_cast<double>(x.cols());
}

// The smallest |z| over every hidden pre-activation: ReLU's kink is at 0, so a finite difference
// is only valid where no z is within the perturbation's reach of it.
float smallest_hidden_preactivation(const nn::Network& network, const nn::Matrix& x) {
  float smallest = std::numeric_limits<float>::infinity();
  nn::Matrix a = x;
  const auto& layers = network.layers();
  for (size_t i = 0; i + 1 < layers.size(); ++i) {
    nn::Matrix z = layers[i].weights() * a;
    z.colwise() += layers[i].bias();
    smallest = std::min(smallest, z.array().abs().minCoeff());
    nn::activate(layers[i].activation(), z);
    a = z;
  }
  return smallest;
}

struct Checked {
  double largest_gradient = 0.0;  // so the test knows the gradients are large enough to compare
  int parameters = 0;
};

// Compares one parameter array (weights or biases) against central differences.
Checked check_parameters(nn::Network& network,
                         float* parameters,
                         const float* analytic,
                         Eigen::Index count,
                         const nn::Matrix& x,
                         const std::vector<uint8_t>& labels,
                         const char* what,
                         size_t layer) {
  Checked checked;
  for (Eigen::Index i = 0; i < count; ++i) {
    const float saved = parameters[i];
    parameters[i] = saved + kEpsilon;
    const double plus = batch_loss(network, x, labels);
    parameters[i] = saved - kEpsilon;
    const double minus = batch_loss(network, x, labels);
    parameters[i] = saved;
    const double numeric = (plus - minus) / (2.0 * kEpsilon);
    INFO(what << " " << i << " of layer " << layer << ": analytic " << analytic[i] << ", numeric "
              << numeric);
    CHECK_THAT(analytic[i], WithinAbs(numeric, 2e-4 + 2e-3 * std::abs(numeric)));
    checked.largest_gradient = std::max(checked.largest_gradient, std::abs(numeric));
    ++checked.parameters;
  }
  return checked;
}

void check_gradients(const nn::Architecture& arch) {
  nn::Network network(arch);
  const int inputs = arch.sizes.front(), classes = arch.sizes.back();
  nn::Matrix x(inputs, kSamples);
  std::vector<uint8_t> labels(kSamples);

  // ReLU: pick the first seed whose hidden pre-activations all keep clear of the kink.
  uint64_t seed = 1;
  for (;; ++seed) {
    nn::Random random(seed);
    randomize(network, random);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      x.data()[i] = random.uniform(-1.0f, 1.0f);
    for (uint8_t& label : labels)
      label = static_cast<uint8_t>(random.below(classes));
    if (arch.hidden_activation != nn::Activation::Relu ||
        smallest_hidden_preactivation(network, x) > 0.05f || seed == 1000) {
      break;
    }
  }
  REQUIRE(seed < 1000);
  INFO(nn::describe(arch) << ", seed " << seed);

  network.forward(x);
  network.backward(x, labels.data());
  // Copies: the finite differences run forward again, which reuses the network's buffers.
  std::vector<nn::Matrix> weight_gradients;
  std::vector<nn::Vector> bias_gradients;
  for (const nn::DenseLayer& layer : network.layers()) {
    weight_gradients.push_back(layer.weight_gradient());
    bias_gradients.push_back(layer.bias_gradient());
  }

  double largest = 0.0;
  int parameters = 0;
  for (size_t l = 0; l < network.layers().size(); ++l) {
    nn::DenseLayer& layer = network.layers()[l];
    for (const Checked& c :
         {check_parameters(network, layer.weights().data(), weight_gradients[l].data(),
                           layer.weights().size(), x, labels, "weight", l),
          check_parameters(network, layer.bias().data(), bias_gradients[l].data(),
                           layer.bias().size(), x, labels, "bias", l)}) {
      largest = std::max(largest, c.largest_gradient);
      parameters += c.parameters;
    }
  }
  CHECK(parameters == nn::parameter_count(arch.sizes));
  CHECK(largest > 0.02);  // a tolerance of ~2e-4 must be small next to the gradients checked
}

}  // namespace

TEST_CASE("backprop matches finite differences for every activation, output and loss",
          "[gradient]") {
  const auto hidden = GENERATE(nn::Activation::Sigmoid, nn::Activation::Relu, nn::Activation::Tanh);
  const auto output = GENERATE(nn::Activation::Sigmoid, nn::Activation::Softmax);
  const auto loss = GENERATE(nn::Loss::MeanSquaredError, nn::Loss::CrossEntropy);
  check_gradients(architecture({4, 5, 3}, hidden, output, loss));
}

TEST_CASE("backprop matches finite differences through three weight layers", "[gradient]") {
  const auto hidden = GENERATE(nn::Activation::Sigmoid, nn::Activation::Relu, nn::Activation::Tanh);
  const auto output = GENERATE(nn::Activation::Sigmoid, nn::Activation::Softmax);
  const auto loss = GENERATE(nn::Loss::MeanSquaredError, nn::Loss::CrossEntropy);
  check_gradients(architecture({6, 5, 4, 3}, hidden, output, loss));
}

TEST_CASE("backprop matches finite differences for a network without hidden layers", "[gradient]") {
  const auto output = GENERATE(nn::Activation::Sigmoid, nn::Activation::Softmax);
  const auto loss = GENERATE(nn::Loss::MeanSquaredError, nn::Loss::CrossEntropy);
  check_gradients(architecture({5, 4}, nn::Activation::Sigmoid, output, loss));
}
