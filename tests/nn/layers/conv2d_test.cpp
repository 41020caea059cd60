#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "nn/layers/conv2d.h"
#include "nn/random.h"
#include "support/gradient_check.h"
#include "support/reference_network.h"

using Catch::Matchers::WithinAbs;

namespace {

struct Case {
  nn::Shape input;
  int kernel;
  int filters;
  nn::Padding padding;
};

std::string describe(const Case& c) {
  return nn::to_string(c.input) + " conv" + std::to_string(c.kernel) + "x" +
         std::to_string(c.filters) + " " + std::string(nn::padding_name(c.padding));
}

// Channel counts 1 to 4, kernels 1 to 5, odd and non-square sides, both paddings; rows narrower
// than a SIMD vector (the scalar path), a whole number of vectors, and vectors plus a remainder
// (4 lanes in wasm, 8 with AVX). Small enough for finite differences: a weight moves every output
// of its filter, and float rounding of each moved output adds to the difference's error.
const std::vector<Case> kCases = {
    {{2, 4, 11}, 3, 3, nn::Padding::Valid}, {{3, 5, 12}, 3, 2, nn::Padding::Same},
    {{1, 3, 21}, 3, 2, nn::Padding::Same},  {{1, 10, 12}, 5, 2, nn::Padding::Valid},
    {{1, 5, 5}, 3, 1, nn::Padding::Valid},  {{1, 5, 5}, 3, 2, nn::Padding::Same},
    {{3, 5, 7}, 3, 4, nn::Padding::Valid},  {{3, 5, 7}, 3, 4, nn::Padding::Same},
    {{2, 6, 5}, 5, 3, nn::Padding::Same},   {{2, 6, 5}, 5, 2, nn::Padding::Valid},
    {{4, 3, 3}, 1, 2, nn::Padding::Valid},  {{2, 4, 4}, 2, 3, nn::Padding::Valid},
};

std::unique_ptr<nn::Conv2DLayer> make_layer(const Case& c,
                                            nn::Activation activation,
                                            uint64_t seed) {
  auto layer = std::make_unique<nn::Conv2DLayer>(
      nn::LayerSpec::conv2d(c.kernel, c.filters, activation, c.padding), c.input, true);
  nn::Random random(seed);
  for (Eigen::Index i = 0; i < layer->weights().size(); ++i)
    layer->weights().data()[i] = random.uniform(-0.5f, 0.5f);
  for (Eigen::Index i = 0; i < layer->bias().size(); ++i)
    layer->bias()[i] = random.uniform(-0.5f, 0.5f);
  return layer;
}

nn::Matrix random_batch(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
  nn::Random random(seed);
  nn::Matrix x(rows, cols);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    x.data()[i] = random.uniform(-1.0f, 1.0f);
  return x;
}

}  // namespace

TEST_CASE("convolution forward equals the definition's loop", "[conv2d]") {
  std::vector<Case> cases = kCases;  // and larger ones, the cnn preset's among them
  cases.push_back({{1, 28, 28}, 5, 6, nn::Padding::Valid});
  cases.push_back({{6, 12, 12}, 5, 16, nn::Padding::Valid});
  cases.push_back({{3, 14, 13}, 3, 9, nn::Padding::Same});
  for (const Case& c : cases) {
    INFO(describe(c));
    const auto owned = make_layer(c, nn::Activation::Tanh, 3);
    nn::Conv2DLayer& layer = *owned;
    const nn::Matrix x = random_batch(c.input.size(), 3, 4);
    layer.forward(x);
    const int pad = c.padding == nn::Padding::Same ? (c.kernel - 1) / 2 : 0;
    const Eigen::MatrixXd expected =
        test_support::reference_conv2d(x.cast<double>(), c.input, layer.weights().data(),
                                       layer.bias().data(), c.filters, c.kernel, pad)
            .array()
            .tanh()
            .matrix();
    REQUIRE(layer.output(3).rows() == expected.rows());
    CHECK(layer.output_shape().size() == expected.rows());
    for (Eigen::Index i = 0; i < expected.size(); ++i)
      CHECK_THAT(layer.output(3).data()[i], WithinAbs(expected.data()[i], 1e-5));
  }
}

TEST_CASE("valid padding shrinks each side by k - 1, same padding keeps it", "[conv2d]") {
  CHECK(nn::output_shape(nn::LayerSpec::conv2d(5, 6, nn::Activation::Relu, nn::Padding::Valid),
                         {1, 28, 28}) == nn::Shape{6, 24, 24});
  CHECK(nn::output_shape(nn::LayerSpec::conv2d(3, 32, nn::Activation::Relu, nn::Padding::Same),
                         {6, 14, 12}) == nn::Shape{32, 14, 12});
}

TEST_CASE("a convolution's weights are [filters][channels][k][k] in memory (ONNX's OIHW)",
          "[conv2d]") {
  // Only weight [f=1][c=1][ky=0][kx=2] is 1: output channel 1 at (y, x) reads channel 1 at
  // (y, x + 2), channel 0 of the output stays at the bias (0).
  const Case c{{2, 3, 4}, 3, 2, nn::Padding::Valid};
  nn::Conv2DLayer layer(nn::LayerSpec::conv2d(3, 2, nn::Activation::Relu, nn::Padding::Valid),
                        c.input, false);
  const std::vector<nn::Parameter> parameters = layer.parameters();
  REQUIRE(parameters[0].dims == std::vector<int>{2, 2, 3, 3});
  CHECK_FALSE(parameters[0].transposed);
  CHECK(parameters[0].fan_in == 2 * 9);
  CHECK(parameters[0].gradient == nullptr);  // inference only
  parameters[0].value[((1 * 2 + 1) * 3 + 0) * 3 + 2] = 1.0f;
  nn::Matrix x(24, 1);
  for (int i = 0; i < 24; ++i)
    x(i, 0) = static_cast<float>(i);
  layer.forward(x);
  // Output 2 x 1 x 2: channel 0 then channel 1.
  const auto out = layer.output(1);
  CHECK(out(0, 0) == 0.0f);
  CHECK(out(1, 0) == 0.0f);
  CHECK(out(2, 0) == x(12 + 0 * 4 + 2, 0));
  CHECK(out(3, 0) == x(12 + 0 * 4 + 3, 0));
}

TEST_CASE("convolution gradients match finite differences for weights, biases and input",
          "[conv2d][gradient]") {
  const auto activation = GENERATE(nn::Activation::Tanh, nn::Activation::Sigmoid);
  for (const Case& c : kCases) {
    INFO(describe(c) << " " << nn::activation_name(activation));
    const auto owned = make_layer(c, activation, 7);
    nn::Conv2DLayer& layer = *owned;
    nn::Matrix x = random_batch(c.input.size(), 2, 8);
    const nn::Matrix r = random_batch(layer.output_size(), 2, 9);
    CHECK(test_support::check_layer_gradients(layer, x, r) > 0.05);
  }
}

TEST_CASE("a smaller convolution batch after a larger one uses only its own columns", "[conv2d]") {
  const Case c{{2, 5, 5}, 3, 3, nn::Padding::Same};
  const auto owned = make_layer(c, nn::Activation::Tanh, 11);
  nn::Conv2DLayer& layer = *owned;
  const nn::Matrix large = random_batch(c.input.size(), 5, 12);
  layer.forward(large);
  const nn::Matrix first = layer.output(5).leftCols(1);
  layer.forward(large.leftCols(1));
  CHECK(layer.output(1) == first);
}

// The weight gradient sums a batch in groups of samples that fit in L1 (one sample of the cnn's
// first convolution, four of its second), so a batch of 37 ends on a partial group; the input
// gradient works per sample. Both against the definition's sums in double.
TEST_CASE("convolution gradients over a batch of several sample groups equal the definition's sums",
          "[conv2d][gradient]") {
  const std::vector<Case> cases = {{{1, 28, 28}, 5, 6, nn::Padding::Valid},
                                   {{6, 12, 12}, 5, 16, nn::Padding::Valid},
                                   {{3, 9, 13}, 3, 5, nn::Padding::Same}};
  const Eigen::Index n = 37;
  for (const Case& c : cases) {
    INFO(describe(c));
    const auto owned = make_layer(c, nn::Activation::Tanh, 21);
    nn::Conv2DLayer& layer = *owned;
    const nn::Matrix x = random_batch(c.input.size(), n, 22);
    const nn::Matrix delta = random_batch(layer.output_size(), n, 23);
    layer.forward(x);
    layer.delta(n) = delta;
    nn::Matrix input_delta(c.input.size(), n);
    nn::MatrixView input_delta_view = input_delta;
    layer.backward(x, &input_delta_view);

    const int k = c.kernel, pad = c.padding == nn::Padding::Same ? (k - 1) / 2 : 0;
    const int C = c.input.channels, H = c.input.height, W = c.input.width;
    const nn::Shape out = layer.output_shape();
    Eigen::MatrixXd weight_gradient = Eigen::MatrixXd::Zero(C * k * k, c.filters);
    Eigen::VectorXd bias_gradient = Eigen::VectorXd::Zero(c.filters);
    Eigen::MatrixXd expected_input_delta = Eigen::MatrixXd::Zero(c.input.size(), n);
    for (Eigen::Index s = 0; s < n; ++s) {
      for (int f = 0; f < c.filters; ++f) {
        for (int y = 0; y < out.height; ++y) {
          for (int ox = 0; ox < out.width; ++ox) {
            const double g = delta((f * out.height + y) * out.width + ox, s);
            bias_gradient[f] += g;
            for (int ch = 0; ch < C; ++ch) {
              for (int ky = 0; ky < k; ++ky) {
                for (int kx = 0; kx < k; ++kx) {
                  const int iy = y + ky - pad, ix = ox + kx - pad;
                  if (iy < 0 || iy >= H || ix < 0 || ix >= W)
                    continue;  // padding: no input, no gradient
                  const Eigen::Index in = (ch * H + iy) * W + ix, tap = (ch * k + ky) * k + kx;
                  weight_gradient(tap, f) += g * x(in, s);
                  expected_input_delta(in, s) += g * layer.weights()(tap, f);
                }
              }
            }
          }
        }
      }
    }
    // Sums of up to 37 x 576 products of values below 1: a relative bound on float rounding.
    const double scale = weight_gradient.cwiseAbs().maxCoeff();
    CHECK((layer.weight_gradient().cast<double>() - weight_gradient).cwiseAbs().maxCoeff() <
          1e-5 * scale);
    CHECK((layer.bias_gradient().cast<double>() - bias_gradient).cwiseAbs().maxCoeff() <
          1e-5 * bias_gradient.cwiseAbs().maxCoeff());
    CHECK((input_delta.cast<double>() - expected_input_delta).cwiseAbs().maxCoeff() < 1e-5);
  }
}
