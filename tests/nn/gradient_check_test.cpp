#include <catch2/catch.hpp>

#include "nn/network.h"
#include "support/gradient_check.h"
#include "support/networks.h"

using test_support::architecture;

// Backpropagation through whole networks, checked against central differences of the loss for
// every parameter (support/gradient_check.h).

using test_support::check_gradients;

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

TEST_CASE("backprop matches finite differences for every parameter of a small CNN", "[gradient]") {
  // Two input channels of odd size, both paddings, a pooling of an odd side, mixed activations:
  // 2x7x7 -> conv3x3 same tanh -> 3x7x7 -> pool -> 3x3x3 -> conv2x3 valid relu -> 3x2x2
  // -> flatten -> fc5 sigmoid -> fc3 softmax, cross-entropy.
  const auto output = GENERATE(nn::Activation::Softmax, nn::Activation::Sigmoid);
  nn::Architecture arch;
  arch.input = {2, 7, 7};
  arch.layers = {
      nn::LayerSpec::conv2d(3, 3, nn::Activation::Tanh, nn::Padding::Same),
      nn::LayerSpec::max_pool(),
      nn::LayerSpec::conv2d(2, 3, nn::Activation::Relu, nn::Padding::Valid),
      nn::LayerSpec::flatten(),
      nn::LayerSpec::dense(5, nn::Activation::Sigmoid),
      nn::LayerSpec::dense(3, output),
  };
  arch.loss = nn::Loss::CrossEntropy;
  // Weights of +-0.5: 18 or 12 inputs per unit keep the tanh and sigmoid units out of saturation.
  check_gradients(arch, 0.5f);
}
