#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "nn/init.h"
#include "nn/optimizer.h"

using Catch::Matchers::WithinAbs;

namespace {

// A 3-4-2 network with gradients from one backward pass, and copies of where it started.
struct Fixture {
  nn::Network network;
  std::vector<nn::Matrix> w0, gw;
  std::vector<nn::Vector> b0, gb;

  Fixture() : network(make_architecture()) {
    nn::initialize(network, nn::Init::Uniform, 21);
    nn::Matrix x(3, 2);
    x << 0.5f, -0.3f,  //
        0.2f, 0.8f,    //
        -0.7f, 0.1f;
    const uint8_t labels[] = {1, 0};
    network.forward(x);
    network.backward(x, labels);
    for (const nn::DenseLayer& layer : network.layers()) {
      w0.push_back(layer.weights());
      b0.push_back(layer.bias());
      gw.push_back(layer.weight_gradient());
      gb.push_back(layer.bias_gradient());
    }
  }

  static nn::Architecture make_architecture() {
    nn::Architecture a;
    a.sizes = {3, 4, 2};
    a.hidden_activation = nn::Activation::Tanh;
    a.output_activation = nn::Activation::Softmax;
    a.loss = nn::Loss::CrossEntropy;
    return a;
  }

  // Checks every weight and bias against expected(start, gradient, is_weight).
  template <typename Expected>
  void check(Expected expected, double tolerance) const {
    for (size_t l = 0; l < w0.size(); ++l) {
      const nn::DenseLayer& layer = network.layers()[l];
      for (Eigen::Index i = 0; i < w0[l].size(); ++i) {
        CHECK_THAT(layer.weights().data()[i],
                   WithinAbs(expected(w0[l].data()[i], gw[l].data()[i], true), tolerance));
      }
      for (Eigen::Index i = 0; i < b0[l].size(); ++i) {
        CHECK_THAT(layer.bias()[i], WithinAbs(expected(b0[l][i], gb[l][i], false), tolerance));
      }
    }
  }
};

nn::OptimizerSettings settings(nn::OptimizerKind kind, float weight_decay = 0.0f) {
  nn::OptimizerSettings s;
  s.kind = kind;
  s.weight_decay = weight_decay;
  return s;
}

}  // namespace

TEST_CASE("the gradients the optimizers step with are not zero", "[optimizer]") {
  const Fixture f;
  for (size_t l = 0; l < f.gw.size(); ++l) {
    CHECK(f.gw[l].array().abs().minCoeff() > 1e-5f);
    CHECK(f.gb[l].array().abs().minCoeff() > 1e-5f);
  }
}

TEST_CASE("an SGD step is exactly w - lr g", "[optimizer]") {
  Fixture f;
  nn::Optimizer optimizer(f.network, settings(nn::OptimizerKind::Sgd));
  optimizer.step(f.network, 0.25f);  // a power of two: lr * g is exact, one rounding remains
  for (size_t l = 0; l < f.w0.size(); ++l) {
    const nn::Matrix expected_w = f.w0[l] - 0.25f * f.gw[l];
    const nn::Vector expected_b = f.b0[l] - 0.25f * f.gb[l];
    CHECK(f.network.layers()[l].weights() == expected_w);
    CHECK(f.network.layers()[l].bias() == expected_b);
  }
}

TEST_CASE("momentum's first step is w - lr g and its second adds mu times the first",
          "[optimizer]") {
  Fixture f;
  nn::OptimizerSettings s = settings(nn::OptimizerKind::Momentum);
  s.momentum = 0.9f;
  nn::Optimizer optimizer(f.network, s);
  const double lr = 0.1;
  optimizer.step(f.network, static_cast<float>(lr));
  f.check([&](double w, double g, bool) { return w - lr * g; }, 1e-7);

  // The gradients stay as backward left them: v2 = mu g + g, so w2 = w0 - lr (2 + mu) g.
  optimizer.step(f.network, static_cast<float>(lr));
  f.check([&](double w, double g, bool) { return w - lr * (2.0 + 0.9) * g; }, 1e-6);
}

TEST_CASE("adam's first steps move each parameter by lr against its gradient's sign",
          "[optimizer]") {
  Fixture f;
  nn::Optimizer optimizer(f.network, settings(nn::OptimizerKind::Adam));
  const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  // Kingma & Ba, algorithm 1, for a constant gradient g:
  //   m_t = (1 - b1^t) g, v_t = (1 - b2^t) g^2, so m_hat = g, v_hat = g^2 and
  //   each step is lr g / (|g| + eps).
  auto after = [&](int steps) {
    return [=](double w, double g, bool) {
      double m = 0.0, v = 0.0, result = w;
      for (int t = 1; t <= steps; ++t) {
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        const double m_hat = m / (1 - std::pow(b1, t)), v_hat = v / (1 - std::pow(b2, t));
        result -= lr * m_hat / (std::sqrt(v_hat) + eps);
      }
      return result;
    };
  };
  optimizer.step(f.network, static_cast<float>(lr));
  f.check(after(1), 1e-6);
  f.check([&](double w, double g, bool) { return w - lr * (g > 0 ? 1 : -1); }, 1e-5);
  optimizer.step(f.network, static_cast<float>(lr));
  f.check(after(2), 1e-6);
}

TEST_CASE("weight decay adds lambda W to the weights' gradient but not to the biases'",
          "[optimizer]") {
  const double lr = 0.5, lambda = 0.1;
  SECTION("sgd") {
    Fixture f;
    nn::Optimizer optimizer(f.network, settings(nn::OptimizerKind::Sgd, 0.1f));
    optimizer.step(f.network, static_cast<float>(lr));
    f.check(
        [&](double w, double g, bool weight) { return w - lr * (g + (weight ? lambda * w : 0)); },
        1e-6);
  }
  SECTION("momentum") {
    Fixture f;
    nn::Optimizer optimizer(f.network, settings(nn::OptimizerKind::Momentum, 0.1f));
    optimizer.step(f.network, static_cast<float>(lr));
    f.check(
        [&](double w, double g, bool weight) { return w - lr * (g + (weight ? lambda * w : 0)); },
        1e-6);
  }
  SECTION("adam") {
    Fixture f;
    nn::Optimizer optimizer(f.network, settings(nn::OptimizerKind::Adam, 0.1f));
    optimizer.step(f.network, 0.01f);
    f.check(
        [&](double w, double g, bool weight) {
          const double decayed = g + (weight ? lambda * w : 0);
          return w - 0.01 * decayed / (std::abs(decayed) + 1e-8);
        },
        1e-6);
  }
}

TEST_CASE("optimizer names parse back to the same optimizer", "[optimizer]") {
  for (auto kind : {nn::OptimizerKind::Sgd, nn::OptimizerKind::Momentum, nn::OptimizerKind::Adam}) {
    CHECK(nn::parse_optimizer(nn::optimizer_name(kind)) == kind);
  }
  CHECK_THROWS_WITH(nn::parse_optimizer("rmsprop"), Catch::Matchers::Contains("rmsprop"));
}
