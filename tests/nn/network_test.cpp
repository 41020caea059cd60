#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "nn/init.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "support/networks.h"
#include "support/reference_network.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using test_support::architecture;

namespace {

double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// 1x12x12 -> conv5x4 relu -> pool -> conv3x6 tanh (same) -> pool -> flatten -> 7 relu -> 3 softmax.
nn::Architecture small_cnn() {
  nn::Architecture arch;
  arch.input = {1, 12, 12};
  arch.layers = {nn::LayerSpec::conv2d(5, 4, nn::Activation::Relu, nn::Padding::Valid),
                 nn::LayerSpec::max_pool(),
                 nn::LayerSpec::conv2d(3, 6, nn::Activation::Tanh, nn::Padding::Same),
                 nn::LayerSpec::max_pool(),
                 nn::LayerSpec::flatten(),
                 nn::LayerSpec::dense(7, nn::Activation::Relu),
                 nn::LayerSpec::dense(3, nn::Activation::Softmax)};
  arch.loss = nn::Loss::CrossEntropy;
  return arch;
}

}  // namespace

TEST_CASE("forward pass of a hand-computed 2-2-2 sigmoid network", "[network]") {
  nn::Network network(architecture({2, 2, 2}, nn::Activation::Sigmoid, nn::Activation::Sigmoid,
                                   nn::Loss::MeanSquaredError));
  network.dense(0).weights() << 0.1f, 0.2f,  //
      0.3f, 0.4f;
  network.dense(0).bias() << 0.5f, -0.5f;
  network.dense(1).weights() << 1.0f, -1.0f,  //
      0.5f, 0.5f;
  network.dense(1).bias() << 0.0f, 0.1f;

  nn::Matrix x(2, 2);  // two samples, one per column
  x << 1.0f, -1.0f,    //
      2.0f, 0.0f;
  const nn::Matrix out = network.forward(x);
  REQUIRE(out.rows() == 2);
  REQUIRE(out.cols() == 2);

  // Sample 0: z1 = (0.1 + 0.4 + 0.5, 0.3 + 0.8 - 0.5) = (1.0, 0.6).
  const double h0 = sigmoid(1.0), h1 = sigmoid(0.6);
  CHECK_THAT(out(0, 0), WithinAbs(sigmoid(h0 - h1), 1e-6));
  CHECK_THAT(out(1, 0), WithinAbs(sigmoid(0.5 * h0 + 0.5 * h1 + 0.1), 1e-6));
  CHECK_THAT(network.logits()(0, 0), WithinAbs(h0 - h1, 1e-6));
  // Sample 1: z1 = (-0.1 + 0.5, -0.3 - 0.5) = (0.4, -0.8).
  const double g0 = sigmoid(0.4), g1 = sigmoid(-0.8);
  CHECK_THAT(out(0, 1), WithinAbs(sigmoid(g0 - g1), 1e-6));
  CHECK_THAT(out(1, 1), WithinAbs(sigmoid(0.5 * g0 + 0.5 * g1 + 0.1), 1e-6));
}

TEST_CASE("forward pass of a hand-computed 3-2-2 relu/softmax network", "[network]") {
  nn::Network network(architecture({3, 2, 2}, nn::Activation::Relu, nn::Activation::Softmax,
                                   nn::Loss::CrossEntropy));
  network.dense(0).weights() << 1.0f, -1.0f, 0.0f,  //
      0.5f, 0.5f, 0.5f;
  network.dense(0).bias() << 0.0f, -1.0f;
  network.dense(1).weights() << 1.0f, 2.0f,  //
      -1.0f, 1.0f;
  network.dense(1).bias() << 0.5f, 0.0f;

  nn::Matrix x(3, 1);
  x << 1.0f, 2.0f, 3.0f;
  const nn::Matrix out = network.forward(x);
  // z1 = (1 - 2, 0.5 + 1 + 1.5 - 1) = (-1, 2); relu gives (0, 2).
  // z2 = (0 + 4 + 0.5, 0 + 2) = (4.5, 2).
  CHECK_THAT(network.logits()(0, 0), WithinAbs(4.5, 1e-6));
  CHECK_THAT(network.logits()(1, 0), WithinAbs(2.0, 1e-6));
  const double total = std::exp(4.5) + std::exp(2.0);
  CHECK_THAT(out(0, 0), WithinRel(std::exp(4.5) / total, 1e-6));
  CHECK_THAT(out(1, 0), WithinRel(std::exp(2.0) / total, 1e-5));
}

TEST_CASE("forward refuses an input of the wrong size", "[network]") {
  nn::Network network(architecture({4, 3, 2}, nn::Activation::Sigmoid, nn::Activation::Sigmoid,
                                   nn::Loss::MeanSquaredError));
  CHECK_THROWS_WITH(network.forward(nn::Matrix::Zero(5, 1)),
                    Catch::Matchers::Contains("5 rows") && Catch::Matchers::Contains("expects 4"));
}

TEST_CASE("a network refuses an impossible architecture", "[network]") {
  using nn::Activation;
  CHECK_THROWS_AS(nn::Network(architecture({784}, Activation::Sigmoid, Activation::Sigmoid,
                                           nn::Loss::MeanSquaredError)),
                  std::invalid_argument);
  CHECK_THROWS_AS(nn::Network(architecture({4, 3, 2}, Activation::Softmax, Activation::Softmax,
                                           nn::Loss::CrossEntropy)),
                  std::invalid_argument);
  CHECK_THROWS_AS(nn::Network(architecture({4, 0, 2}, Activation::Relu, Activation::Softmax,
                                           nn::Loss::CrossEntropy)),
                  std::invalid_argument);
}

TEST_CASE("backward on a batch averages the per-sample gradients", "[network]") {
  nn::Network network(architecture({3, 4, 3}, nn::Activation::Tanh, nn::Activation::Softmax,
                                   nn::Loss::CrossEntropy));
  nn::initialize(network, nn::Init::Uniform, 5);
  nn::Matrix x(3, 2);
  x << 0.1f, 0.9f,  //
      -0.4f, 0.3f,  //
      0.7f, -0.2f;
  const uint8_t labels[] = {2, 0};

  auto gradients_of = [&](const nn::Matrix& input, const uint8_t* y, float* loss) {
    network.forward(input);
    *loss = network.backward(input, y);
    return test_support::all_gradients(network);
  };
  float batch_loss = 0, loss0 = 0, loss1 = 0;
  const auto batch = gradients_of(x, labels, &batch_loss);
  const auto first = gradients_of(x.col(0), labels, &loss0);
  const auto second = gradients_of(x.col(1), labels + 1, &loss1);

  CHECK_THAT(batch_loss, WithinRel((loss0 + loss1) / 2.0, 1e-5));
  REQUIRE(batch.size() == first.size());
  for (size_t i = 0; i < batch.size(); ++i)
    CHECK_THAT(batch[i], WithinAbs((first[i] + second[i]) / 2.0, 1e-6));
}

TEST_CASE("backward returns the batch's mean loss", "[network]") {
  nn::Network network(architecture({3, 4, 3}, nn::Activation::Sigmoid, nn::Activation::Sigmoid,
                                   nn::Loss::MeanSquaredError));
  nn::initialize(network, nn::Init::Uniform, 9);
  const nn::Matrix x = nn::Matrix::Constant(3, 4, 0.5f);
  const uint8_t labels[] = {0, 1, 2, 1};
  const nn::Matrix out = network.forward(x);
  // 1/(2n) sum (y - a)^2, summed here from the outputs.
  double expected = 0.0;
  for (int s = 0; s < 4; ++s) {
    for (int unit = 0; unit < 3; ++unit) {
      const double y = unit == labels[s] ? 1.0 : 0.0;
      expected += (y - out(unit, s)) * (y - out(unit, s));
    }
  }
  expected /= 2.0 * 4;
  CHECK_THAT(network.backward(x, labels), WithinRel(expected, 1e-5));
}

TEST_CASE("parameters_finite spots a NaN or infinite weight or bias", "[network]") {
  nn::Network network(architecture({3, 2, 2}, nn::Activation::Relu, nn::Activation::Softmax,
                                   nn::Loss::CrossEntropy));
  CHECK(network.parameters_finite());
  network.dense(1).weights()(1, 0) = std::numeric_limits<float>::quiet_NaN();
  CHECK_FALSE(network.parameters_finite());
  network.dense(1).weights()(1, 0) = 0.0f;
  network.dense(0).bias()(1) = std::numeric_limits<float>::infinity();
  CHECK_FALSE(network.parameters_finite());
}

TEST_CASE("copy_parameters_from copies weights and biases between equal architectures",
          "[network]") {
  const auto arch = architecture({3, 2, 2}, nn::Activation::Relu, nn::Activation::Softmax,
                                 nn::Loss::CrossEntropy);
  nn::Network source(arch), target(arch);
  nn::initialize(source, nn::Init::Uniform, 3);
  target.copy_parameters_from(source);
  CHECK(test_support::same_parameters(target, source));
  nn::Network other(architecture({3, 5, 2}, nn::Activation::Relu, nn::Activation::Softmax,
                                 nn::Loss::CrossEntropy));
  CHECK_THROWS_AS(other.copy_parameters_from(source), std::invalid_argument);
}

TEST_CASE("an inference-only network predicts like a training one but cannot be trained",
          "[network]") {
  const auto arch = architecture({3, 4, 2}, nn::Activation::Tanh, nn::Activation::Softmax,
                                 nn::Loss::CrossEntropy);
  nn::Network training(arch);
  nn::initialize(training, nn::Init::Xavier, 4);
  nn::Network inference(arch, nn::Purpose::Inference);
  inference.copy_parameters_from(training);
  for (const nn::Parameter& p : inference.parameters())
    CHECK(p.gradient == nullptr);
  const nn::Matrix x = nn::Matrix::Constant(3, 2, 0.25f);
  const nn::Matrix expected = training.forward(x);
  CHECK(inference.forward(x) == expected);
  const uint8_t labels[] = {0, 1};
  CHECK_THROWS_AS(inference.backward(x, labels), std::logic_error);
}

TEST_CASE("a CNN's forward pass equals the layers' definitions, sample by sample", "[network]") {
  const nn::Architecture arch = small_cnn();
  nn::Network network(arch);
  nn::initialize(network, nn::Init::He, 6);
  const nn::Matrix x = (nn::Matrix::Random(144, 6).array() + 1.0f) / 2.0f;
  const nn::Matrix out = network.forward(x);
  const Eigen::MatrixXd expected = test_support::reference_forward(network, x.cast<double>());
  REQUIRE(out.rows() == 3);
  REQUIRE(out.cols() == 6);
  for (Eigen::Index i = 0; i < out.size(); ++i)
    CHECK_THAT(out.data()[i], WithinAbs(expected.data()[i], 1e-6));
  // The same images one at a time give the same outputs: no column leaks into another.
  for (Eigen::Index s = 0; s < 6; ++s) {
    const nn::Matrix single = network.forward(x.col(s));
    for (Eigen::Index k = 0; k < 3; ++k)
      CHECK_THAT(single(k, 0), WithinAbs(out(k, s), 1e-6));
  }
}

TEST_CASE("a sparse batch is refused by a network that starts with a convolution", "[network]") {
  nn::Architecture arch;
  arch.input = {1, 4, 4};
  arch.layers = {nn::LayerSpec::conv2d(3, 2, nn::Activation::Relu, nn::Padding::Valid),
                 nn::LayerSpec::flatten(), nn::LayerSpec::dense(2, nn::Activation::Softmax)};
  arch.loss = nn::Loss::CrossEntropy;
  nn::Network network(arch);
  CHECK_FALSE(network.accepts_sparse_input());
  nn::SparseBatch batch;
  batch.reset(16, 1);
  batch.end_sample();
  CHECK_THROWS_WITH(network.forward(batch), Catch::Matchers::Contains("first layer is dense"));
}

TEST_CASE("forward_pass_bounded bounds convolutions and pooling too", "[network]") {
  nn::Architecture arch;
  arch.input = {1, 6, 6};
  arch.layers = {nn::LayerSpec::conv2d(3, 2, nn::Activation::Relu, nn::Padding::Same),
                 nn::LayerSpec::max_pool(), nn::LayerSpec::flatten(),
                 nn::LayerSpec::dense(2, nn::Activation::Softmax)};
  arch.loss = nn::Loss::CrossEntropy;
  nn::Network network(arch);
  nn::initialize(network, nn::Init::He, 1);
  CHECK(network.forward_pass_bounded());
  // Each conv weight 1e16: a pre-activation of 9e16, then x 1e16 x 18 inputs in the dense layer.
  network.conv2d(0).weights().setConstant(1e16f);
  network.dense(3).weights().setConstant(1e16f);
  CHECK_FALSE(network.forward_pass_bounded());
  network.dense(3).weights().setConstant(1.0f);
  CHECK(network.forward_pass_bounded());
}

TEST_CASE("frozen layers compute no gradient, and backward stops above the lowest that learns",
          "[network]") {
  const nn::Architecture arch = small_cnn();
  nn::Network learning(arch);
  nn::initialize(learning, nn::Init::He, 8);
  nn::Network frozen(arch);
  frozen.copy_parameters_from(learning);
  frozen.freeze_layer(0);
  frozen.freeze_layer(2);
  const nn::Matrix x = (nn::Matrix::Random(144, 5).array() + 1.0f) / 2.0f;
  const uint8_t labels[] = {0, 2, 1, 1, 0};
  learning.forward(x);
  const float loss = learning.backward(x, labels);
  frozen.forward(x);
  for (size_t i : {0, 2, 4})
    frozen.layer(i).delta(5).setConstant(7.0f);  // what backward must leave alone
  CHECK(frozen.backward(x, labels) == loss);
  // The dense layers learn as they would: the same gradients, to the bit.
  for (size_t i : {5, 6}) {
    CHECK(frozen.dense(i).weight_gradient() == learning.dense(i).weight_gradient());
    CHECK(frozen.dense(i).bias_gradient() == learning.dense(i).bias_gradient());
  }
  // The convolutions' gradients were never computed (still as built: zero), nor was any delta
  // below the first dense layer.
  for (size_t i : {0, 2}) {
    CHECK(learning.conv2d(i).weight_gradient().cwiseAbs().maxCoeff() > 0.0f);
    CHECK(frozen.conv2d(i).weight_gradient().isZero(0.0f));
    CHECK(frozen.conv2d(i).bias_gradient().isZero(0.0f));
  }
  for (size_t i : {0, 2, 4})
    CHECK((frozen.layer(i).delta(5).array() == 7.0f).all());
  // A frozen layer above one that learns passes the delta down, without its own gradient.
  nn::Network middle(arch);
  middle.copy_parameters_from(learning);
  middle.freeze_layer(2);
  middle.forward(x);
  middle.backward(x, labels);
  CHECK(middle.conv2d(2).weight_gradient().isZero(0.0f));
  CHECK(middle.conv2d(0).weight_gradient() == learning.conv2d(0).weight_gradient());
  // A copy learns everything again.
  nn::Network copy(frozen);
  copy.forward(x);
  copy.backward(x, labels);
  CHECK(copy.conv2d(0).weight_gradient() == learning.conv2d(0).weight_gradient());
}
