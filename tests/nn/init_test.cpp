#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/init.h"
#include "support/networks.h"

using Catch::Matchers::WithinAbs;
using test_support::same_parameters;

namespace {

nn::Network tutorial_network() {
  return nn::Network(nn::Architecture::mlp({784, 30, 10}, nn::Activation::Sigmoid,
                                           nn::Activation::Sigmoid, nn::Loss::MeanSquaredError));
}

nn::Network deep_network() {
  return nn::Network(nn::Architecture::mlp({784, 300, 100, 10}, nn::Activation::Relu,
                                           nn::Activation::Softmax, nn::Loss::CrossEntropy));
}

// Every weight (and, when given, every bias) lies in [-limit, limit], and the draws reach close to
// the limit: a layer drawn from a smaller range (such as the tutorial's reuse of the first layer's
// limit for W2) fails the second check.
void check_spread(const nn::Matrix& values, double limit) {
  INFO("limit " << limit);
  CHECK(values.array().abs().maxCoeff() <= limit * (1 + 1e-6));  // the float limit may round up
  CHECK(values.array().abs().maxCoeff() > 0.95 * limit);
  // Uniform on [-l, l] has mean 0 and standard deviation l / sqrt(3).
  const double mean = values.mean();
  const double variance = (values.array() - mean).square().mean();
  CHECK(std::abs(mean) < 0.1 * limit);
  CHECK_THAT(std::sqrt(variance), WithinAbs(limit / std::sqrt(3.0), 0.1 * limit));
}

}  // namespace

TEST_CASE("uniform init draws weights and biases in +-1/sqrt(fan_in) per layer", "[init]") {
  nn::Network network = tutorial_network();
  nn::initialize(network, nn::Init::Uniform, 42);
  check_spread(network.dense(0).weights(), 1.0 / std::sqrt(784.0));
  check_spread(network.dense(1).weights(), 1.0 / std::sqrt(30.0));
  // Biases: 30 and 10 draws, too few for the spread statistics; the bound and non-zero suffice.
  CHECK(network.dense(0).bias().array().abs().maxCoeff() <= 1.0 / std::sqrt(784.0) * (1 + 1e-6));
  CHECK(network.dense(1).bias().array().abs().maxCoeff() <= 1.0 / std::sqrt(30.0) * (1 + 1e-6));
  CHECK(network.dense(1).bias().array().abs().maxCoeff() > 1.0 / std::sqrt(784.0));
  CHECK((network.dense(0).bias().array() != 0.0f).all());
}

TEST_CASE("xavier init draws weights in +-sqrt(6/(fan_in+fan_out)) with zero biases", "[init]") {
  nn::Network network = deep_network();
  nn::initialize(network, nn::Init::Xavier, 7);
  check_spread(network.dense(0).weights(), std::sqrt(6.0 / (784 + 300)));
  check_spread(network.dense(1).weights(), std::sqrt(6.0 / (300 + 100)));
  check_spread(network.dense(2).weights(), std::sqrt(6.0 / (100 + 10)));
  for (size_t i = 0; i < 3; ++i)
    CHECK(network.dense(i).bias().isZero(0.0f));
}

TEST_CASE("he init draws weights in +-sqrt(6/fan_in) with zero biases", "[init]") {
  nn::Network network = deep_network();
  nn::initialize(network, nn::Init::He, 7);
  check_spread(network.dense(0).weights(), std::sqrt(6.0 / 784));
  check_spread(network.dense(1).weights(), std::sqrt(6.0 / 300));
  check_spread(network.dense(2).weights(), std::sqrt(6.0 / 100));
  for (size_t i = 0; i < 3; ++i)
    CHECK(network.dense(i).bias().isZero(0.0f));
}

TEST_CASE("a convolution's fan-in is channels x k x k and its fan-out filters x k x k", "[init]") {
  nn::Architecture arch;
  arch.input = {1, 28, 28};
  arch.layers = {nn::LayerSpec::conv2d(5, 20, nn::Activation::Relu, nn::Padding::Valid),
                 nn::LayerSpec::conv2d(5, 50, nn::Activation::Relu, nn::Padding::Valid),
                 nn::LayerSpec::flatten(), nn::LayerSpec::dense(10, nn::Activation::Softmax)};
  arch.loss = nn::Loss::CrossEntropy;
  nn::Network network(arch);
  nn::initialize(network, nn::Init::He, 3);
  check_spread(network.conv2d(0).weights(), std::sqrt(6.0 / 25));
  check_spread(network.conv2d(1).weights(), std::sqrt(6.0 / (20 * 25)));
  CHECK(network.conv2d(1).bias().isZero(0.0f));
  nn::initialize(network, nn::Init::Xavier, 3);
  check_spread(network.conv2d(1).weights(), std::sqrt(6.0 / (20 * 25 + 50 * 25)));
}

TEST_CASE("the same seed gives identical weights", "[init]") {
  const auto init = GENERATE(nn::Init::Uniform, nn::Init::Xavier, nn::Init::He);
  nn::Network a = tutorial_network(), b = tutorial_network();
  nn::initialize(a, init, 123);
  nn::initialize(b, init, 123);
  CHECK(same_parameters(a, b));
}

TEST_CASE("different seeds give different weights", "[init]") {
  const auto init = GENERATE(nn::Init::Uniform, nn::Init::Xavier, nn::Init::He);
  nn::Network a = tutorial_network(), b = tutorial_network();
  nn::initialize(a, init, 1);
  nn::initialize(b, init, 2);
  CHECK_FALSE(same_parameters(a, b));
  // Not merely one weight: independent draws almost never coincide.
  const nn::Matrix& wa = a.dense(0).weights();
  const nn::Matrix& wb = b.dense(0).weights();
  CHECK((wa.array() == wb.array()).count() < wa.size() / 100);
}

TEST_CASE("initialising again replaces every weight", "[init]") {
  nn::Network network = tutorial_network();
  nn::initialize(network, nn::Init::Uniform, 1);
  nn::Network again = tutorial_network();
  nn::initialize(again, nn::Init::He, 9);
  nn::initialize(again, nn::Init::Uniform, 1);
  CHECK(same_parameters(network, again));
}

TEST_CASE("init names parse back to the same init", "[init]") {
  for (nn::Init init : {nn::Init::Uniform, nn::Init::Xavier, nn::Init::He}) {
    CHECK(nn::parse_init(nn::init_name(init)) == init);
  }
  CHECK_THROWS_AS(nn::parse_init("orthogonal"), std::invalid_argument);
}
