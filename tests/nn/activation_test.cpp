#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nn/activation.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("sigmoid maps 0 to one half and saturates without overflow", "[activation]") {
  nn::Matrix z(3, 1);
  z << 0.0f, 1000.0f, -1000.0f;
  nn::activate(nn::Activation::Sigmoid, z);
  CHECK_THAT(z(0, 0), WithinAbs(0.5, 1e-7));
  CHECK_THAT(z(1, 0), WithinAbs(1.0, 1e-7));
  CHECK_THAT(z(2, 0), WithinAbs(0.0, 1e-7));
}

TEST_CASE("sigmoid, relu and tanh match their formulas element-wise", "[activation]") {
  const float values[] = {-3.0f, -0.5f, 0.0f, 0.25f, 2.0f};
  nn::Matrix z(5, 1);
  for (int i = 0; i < 5; ++i)
    z(i, 0) = values[i];
  nn::Matrix sigmoid = z, relu = z, tanh = z;
  nn::activate(nn::Activation::Sigmoid, sigmoid);
  nn::activate(nn::Activation::Relu, relu);
  nn::activate(nn::Activation::Tanh, tanh);
  for (int i = 0; i < 5; ++i) {
    const double x = values[i];
    CHECK_THAT(sigmoid(i, 0), WithinAbs(1.0 / (1.0 + std::exp(-x)), 1e-6));
    CHECK(relu(i, 0) == (x > 0 ? static_cast<float>(x) : 0.0f));
    CHECK_THAT(tanh(i, 0), WithinAbs(std::tanh(x), 1e-6));
  }
}

TEST_CASE("softmax normalises each column on its own", "[activation]") {
  nn::Matrix z(3, 2);
  z << 1.0f, 0.0f,  //
      2.0f, 0.0f,   //
      3.0f, 0.0f;
  nn::activate(nn::Activation::Softmax, z);
  const double total = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  CHECK_THAT(z(0, 0), WithinRel(std::exp(1.0) / total, 1e-5));
  CHECK_THAT(z(2, 0), WithinRel(std::exp(3.0) / total, 1e-5));
  for (int row = 0; row < 3; ++row)
    CHECK_THAT(z(row, 1), WithinRel(1.0 / 3.0, 1e-6));
  CHECK_THAT(z.col(0).sum(), WithinAbs(1.0, 1e-6));
}

TEST_CASE("softmax is finite for logits of +-1000", "[activation]") {
  nn::Matrix z(3, 2);
  z << 1000.0f, -1000.0f,  //
      -1000.0f, -1000.0f,  //
      999.0f, -1000.0f;
  nn::activate(nn::Activation::Softmax, z);
  REQUIRE(z.allFinite());
  // e^1000 / (e^1000 + e^999) = 1 / (1 + e^-1).
  CHECK_THAT(z(0, 0), WithinRel(1.0 / (1.0 + std::exp(-1.0)), 1e-5));
  CHECK_THAT(z(1, 0), WithinAbs(0.0, 1e-30));
  for (int row = 0; row < 3; ++row)
    CHECK_THAT(z(row, 1), WithinRel(1.0 / 3.0, 1e-6));
}

TEST_CASE("derivatives are written in terms of the activation's output", "[activation]") {
  nn::Matrix a(3, 1);
  a << 0.2f, 0.0f, 0.9f;
  nn::Matrix delta = nn::Matrix::Constant(3, 1, 2.0f);

  nn::Matrix sigmoid = delta;
  nn::multiply_by_derivative(nn::Activation::Sigmoid, a, sigmoid);
  CHECK_THAT(sigmoid(0, 0), WithinRel(2.0 * 0.2 * 0.8, 1e-6));  // a (1 - a)
  CHECK_THAT(sigmoid(2, 0), WithinRel(2.0 * 0.9 * 0.1, 1e-5));

  nn::Matrix tanh = delta;
  nn::multiply_by_derivative(nn::Activation::Tanh, a, tanh);
  CHECK_THAT(tanh(0, 0), WithinRel(2.0 * (1.0 - 0.04), 1e-6));  // 1 - a^2
  CHECK_THAT(tanh(1, 0), WithinRel(2.0, 1e-6));

  nn::Matrix relu = delta;
  nn::multiply_by_derivative(nn::Activation::Relu, a, relu);
  CHECK(relu(0, 0) == 2.0f);  // [a > 0]
  CHECK(relu(1, 0) == 0.0f);
  CHECK(relu(2, 0) == 2.0f);
}

TEST_CASE("softmax has no element-wise derivative", "[activation]") {
  nn::Matrix a = nn::Matrix::Constant(2, 1, 0.5f);
  nn::Matrix delta = nn::Matrix::Ones(2, 1);
  CHECK_THROWS_AS(nn::multiply_by_derivative(nn::Activation::Softmax, a, delta), std::logic_error);
}

TEST_CASE("activation names parse back to the same activation", "[activation]") {
  for (nn::Activation a : {nn::Activation::Sigmoid, nn::Activation::Relu, nn::Activation::Tanh,
                           nn::Activation::Softmax}) {
    CHECK(nn::parse_activation(nn::activation_name(a)) == a);
  }
  CHECK_THROWS_WITH(nn::parse_activation("gelu"), Catch::Matchers::Contains("gelu"));
  CHECK_THROWS_AS(nn::parse_activation(""), std::invalid_argument);
}

TEST_CASE("softmax is an output activation only", "[activation]") {
  CHECK_FALSE(nn::is_hidden_activation(nn::Activation::Softmax));
  CHECK(nn::is_output_activation(nn::Activation::Softmax));
  CHECK(nn::is_hidden_activation(nn::Activation::Relu));
  CHECK_FALSE(nn::is_output_activation(nn::Activation::Relu));
  CHECK_FALSE(nn::is_output_activation(nn::Activation::Tanh));
  CHECK(nn::is_output_activation(nn::Activation::Sigmoid));
}
