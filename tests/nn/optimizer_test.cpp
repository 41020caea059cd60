#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "nn/init.h"
#include "nn/optimizer.h"
#include "nn/random.h"
#include "support/networks.h"

using Catch::Matchers::WithinAbs;

namespace {

// A 3-4-2 network with gradients from one backward pass, and copies of where it started.
struct Fixture {
  nn::Network network;
  std::vector<float> w0, g;  // every parameter and its gradient, in parameters() order

  Fixture() : network(make_architecture()) {
    nn::initialize(network, nn::Init::Uniform, 21);
    nn::Matrix x(3, 2);
    x << 0.5f, -0.3f,  //
        0.2f, 0.8f,    //
        -0.7f, 0.1f;
    const uint8_t labels[] = {1, 0};
    network.forward(x);
    network.backward(x, labels);
    w0 = test_support::all_parameters(network);
    g = test_support::all_gradients(network);
  }

  static nn::Architecture make_architecture() {
    return nn::Architecture::mlp({3, 4, 2}, nn::Activation::Tanh, nn::Activation::Softmax,
                                 nn::Loss::CrossEntropy);
  }

  // Checks every weight and bias against expected(start, gradient, is_weight).
  template <typename Expected>
  void check(Expected expected, double tolerance) const {
    size_t i = 0;
    for (const nn::Parameter& p : network.parameters()) {
      for (Eigen::Index k = 0; k < p.size; ++k, ++i)
        CHECK_THAT(p.value[k], WithinAbs(expected(w0[i], g[i], p.is_weight()), tolerance));
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
  for (float gradient : f.g)
    CHECK(std::abs(gradient) > 1e-5f);
}

TEST_CASE("an SGD step is exactly w - lr g", "[optimizer]") {
  Fixture f;
  nn::Optimizer optimizer(f.network, settings(nn::OptimizerKind::Sgd));
  optimizer.step(f.network, 0.25f);  // a power of two: lr * g is exact, one rounding remains
  const std::vector<float> after = test_support::all_parameters(f.network);
  for (size_t i = 0; i < after.size(); ++i)
    CHECK(after[i] == f.w0[i] - 0.25f * f.g[i]);
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

// The constant-gradient test above cannot tell a missing first moment (m = g) from the real one,
// and barely sees the betas. Here every step brings a new gradient, of changing sign and of
// magnitudes that differ by 100x between steps, and five steps are compared against Kingma & Ba's
// algorithm 1 computed in double.
TEST_CASE("adam follows the reference in double over steps with changing gradients",
          "[optimizer]") {
  Fixture f;
  nn::OptimizerSettings s = settings(nn::OptimizerKind::Adam);
  nn::Optimizer optimizer(f.network, s);
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const double rates[] = {0.01, 0.02, 0.005, 0.01, 0.03};
  const double scales[] = {1.0, -0.01, 0.5, 1.0, -0.2};
  std::vector<double> w(f.w0.begin(), f.w0.end()), m(w.size(), 0.0), v(w.size(), 0.0);
  nn::Random random(5);
  for (int t = 1; t <= 5; ++t) {
    // This step's gradient, written where backward would leave it.
    std::vector<double> g(w.size());
    size_t i = 0;
    for (const nn::Parameter& p : f.network.parameters()) {
      for (Eigen::Index k = 0; k < p.size; ++k, ++i) {
        p.gradient[k] = static_cast<float>(scales[t - 1] * random.uniform(-1.0f, 1.0f));
        g[i] = p.gradient[k];
      }
    }
    optimizer.step(f.network, static_cast<float>(rates[t - 1]));
    for (size_t j = 0; j < w.size(); ++j) {
      m[j] = b1 * m[j] + (1 - b1) * g[j];
      v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      const double m_hat = m[j] / (1 - std::pow(b1, t)), v_hat = v[j] / (1 - std::pow(b2, t));
      w[j] -= rates[t - 1] * m_hat / (std::sqrt(v_hat) + eps);
    }
    const std::vector<float> actual = test_support::all_parameters(f.network);
    for (size_t j = 0; j < w.size(); ++j) {
      INFO("step " << t << ", parameter " << j);
      CHECK_THAT(actual[j], WithinAbs(w[j], 2e-6));
    }
  }
  CHECK(optimizer.steps() == 5);
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

TEST_CASE("every optimizer leaves a frozen layer's parameters as they are, weight decay included",
          "[optimizer]") {
  for (auto kind : {nn::OptimizerKind::Sgd, nn::OptimizerKind::Momentum, nn::OptimizerKind::Adam}) {
    INFO(nn::optimizer_name(kind));
    Fixture f;  // its gradients were computed before the freeze: only the optimizer can skip them
    f.network.freeze_layer(0);
    nn::Optimizer optimizer(f.network, settings(kind, 0.1f));
    optimizer.step(f.network, 0.5f);
    const std::vector<float> after = test_support::all_parameters(f.network);
    const size_t first_layer = 3 * 4 + 4;  // the 3-4 layer's weights and biases come first
    for (size_t i = 0; i < after.size(); ++i) {
      if (i < first_layer)
        CHECK(after[i] == f.w0[i]);
      else
        CHECK(after[i] != f.w0[i]);
    }
  }
}

TEST_CASE("optimizer names parse back to the same optimizer", "[optimizer]") {
  for (auto kind : {nn::OptimizerKind::Sgd, nn::OptimizerKind::Momentum, nn::OptimizerKind::Adam}) {
    CHECK(nn::parse_optimizer(nn::optimizer_name(kind)) == kind);
  }
  CHECK_THROWS_WITH(nn::parse_optimizer("rmsprop"), Catch::Matchers::Contains("rmsprop"));
}
