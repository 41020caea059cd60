#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/init.h"
#include "support/networks.h"

using Catch::Matchers::WithinAbs;
using test_support::same_parameters;

namespace {

nn::Network tutorial_network() {
  nn::Architecture a;
  a.sizes = {784, 30, 10};
  return nn::Network(a);
}

nn::Network deep_network() {
  nn::Architecture a;
  a.sizes = {784, 300, 100, 10};
  a.hidden_activation = nn::Activation::Relu;
  a.output_activation = nn::Activation::Softmax;
  a.loss = nn::Loss::CrossEntropy;
  return nn::Network(a);
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
  const auto& layers = network.layers();
  check_spread(layers[0].weights(), 1.0 / std::sqrt(784.0));
  check_spread(layers[1].weights(), 1.0 / std::sqrt(30.0));
  // Biases: 30 and 10 draws, too few for the spread statistics; the bound and non-zero suffice.
  CHECK(layers[0].bias().array().abs().maxCoeff() <= 1.0 / std::sqrt(784.0) * (1 + 1e-6));
  CHECK(layers[1].bias().array().abs().maxCoeff() <= 1.0 / std::sqrt(30.0) * (1 + 1e-6));
  CHECK(layers[1].bias().array().abs().maxCoeff() > 1.0 / std::sqrt(784.0));
  CHECK((layers[0].bias().array() != 0.0f).all());
}

TEST_CASE("xavier init draws weights in +-sqrt(6/(fan_in+fan_out)) with zero biases", "[init]") {
  nn::Network network = deep_network();
  nn::initialize(network, nn::Init::Xavier, 7);
  const auto& layers = network.layers();
  check_spread(layers[0].weights(), std::sqrt(6.0 / (784 + 300)));
  check_spread(layers[1].weights(), std::sqrt(6.0 / (300 + 100)));
  check_spread(layers[2].weights(), std::sqrt(6.0 / (100 + 10)));
  for (const auto& layer : layers)
    CHECK(layer.bias().isZero(0.0f));
}

TEST_CASE("he init draws weights in +-sqrt(6/fan_in) with zero biases", "[init]") {
  nn::Network network = deep_network();
  nn::initialize(network, nn::Init::He, 7);
  const auto& layers = network.layers();
  check_spread(layers[0].weights(), std::sqrt(6.0 / 784));
  check_spread(layers[1].weights(), std::sqrt(6.0 / 300));
  check_spread(layers[2].weights(), std::sqrt(6.0 / 100));
  for (const auto& layer : layers)
    CHECK(layer.bias().isZero(0.0f));
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
  const nn::Matrix& wa = a.layers()[0].weights();
  const nn::Matrix& wb = b.layers()[0].weights();
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
