#include <catch2/catch.hpp>

#include "nn/layers/dense.h"

using Catch::Matchers::WithinAbs;

namespace {

nn::DenseLayer make_layer(int inputs, int outputs, nn::Activation activation) {
  return nn::DenseLayer(nn::LayerSpec::dense(outputs, activation), nn::Shape{inputs, 1, 1}, true);
}

// A 2-input, 3-unit layer with hand-chosen weights.
void set_hand_weights(nn::DenseLayer& layer) {
  layer.weights() << 1.0f, 2.0f,  //
      -1.0f, 0.5f,                //
      0.0f, 3.0f;
  layer.bias() << 0.5f, -1.0f, 2.0f;
}

}  // namespace

TEST_CASE("dense layer starts with zero weights and biases of the given shape", "[dense]") {
  nn::DenseLayer layer = make_layer(4, 3, nn::Activation::Relu);
  CHECK(layer.inputs() == 4);
  CHECK(layer.outputs() == 3);
  CHECK(layer.weights().rows() == 3);
  CHECK(layer.weights().cols() == 4);
  CHECK(layer.weights().isZero(0.0f));
  CHECK(layer.bias().isZero(0.0f));
  CHECK(layer.activation() == nn::Activation::Relu);
  CHECK(layer.output_shape() == nn::Shape{3, 1, 1});
}

TEST_CASE("pre-activation is W x + b for every column of the batch", "[dense]") {
  nn::DenseLayer layer = make_layer(2, 3, nn::Activation::Sigmoid);
  set_hand_weights(layer);
  nn::Matrix x(2, 2);
  x << 1.0f, -2.0f,  //
      2.0f, 4.0f;
  const nn::Matrix z = layer.pre_activate(x);
  REQUIRE(z.rows() == 3);
  REQUIRE(z.cols() == 2);
  CHECK(z(0, 0) == 1.0f * 1 + 2.0f * 2 + 0.5f);
  CHECK(z(1, 0) == -1.0f * 1 + 0.5f * 2 - 1.0f);
  CHECK(z(2, 0) == 0.0f * 1 + 3.0f * 2 + 2.0f);
  CHECK(z(0, 1) == 1.0f * -2 + 2.0f * 4 + 0.5f);
  CHECK(z(1, 1) == -1.0f * -2 + 0.5f * 4 - 1.0f);
  CHECK(z(2, 1) == 0.0f * -2 + 3.0f * 4 + 2.0f);
}

TEST_CASE("forward applies the activation to W x + b and can keep the logits", "[dense]") {
  nn::DenseLayer layer = make_layer(2, 3, nn::Activation::Relu);
  set_hand_weights(layer);
  layer.keep_logits(true);
  nn::Matrix x(2, 1);
  x << 1.0f, -2.0f;  // z = (-2.5, -3, -4): every unit below zero
  layer.forward(x);
  CHECK(layer.output(1).isZero(0.0f));
  CHECK(layer.logits(1)(0, 0) == -2.5f);
  CHECK(layer.logits(1)(2, 0) == -4.0f);
}

TEST_CASE("a smaller batch after a larger one uses only its own columns", "[dense]") {
  nn::DenseLayer layer = make_layer(2, 3, nn::Activation::Sigmoid);
  set_hand_weights(layer);
  layer.pre_activate(nn::Matrix::Constant(2, 5, 7.0f));
  nn::Matrix x(2, 1);
  x << 1.0f, 1.0f;
  const nn::Matrix z = layer.pre_activate(x);
  REQUIRE(z.cols() == 1);
  CHECK(z(0, 0) == 3.5f);
  CHECK(layer.output(1).cols() == 1);
}

// The tutorial computes the bias gradient as np.sum(delta): one number, the sum over every unit
// and sample, given to every bias. The gradient is per unit, summed over the batch only.
TEST_CASE("bias gradient is per unit, summed over the batch", "[dense]") {
  nn::DenseLayer layer = make_layer(2, 3, nn::Activation::Sigmoid);
  set_hand_weights(layer);
  nn::Matrix x(2, 2);
  x << 1.0f, 3.0f,  //
      2.0f, -1.0f;
  layer.forward(x);
  layer.delta(2) << 1.0f, 2.0f,  //
      3.0f, 4.0f,                //
      5.0f, 6.0f;
  layer.backward(x, nullptr);

  const nn::Vector& db = layer.bias_gradient();
  CHECK(db[0] == 1.0f + 2.0f);
  CHECK(db[1] == 3.0f + 4.0f);
  CHECK(db[2] == 5.0f + 6.0f);
  const float tutorial = 1 + 2 + 3 + 4 + 5 + 6;
  CHECK(db[0] != tutorial);

  // dC/dW = delta x^T: unit j, input i sums delta(j, s) x(i, s) over the samples s.
  const nn::Matrix& dw = layer.weight_gradient();
  CHECK(dw(0, 0) == 1.0f * 1 + 2.0f * 3);
  CHECK(dw(0, 1) == 1.0f * 2 + 2.0f * -1);
  CHECK(dw(1, 0) == 3.0f * 1 + 4.0f * 3);
  CHECK(dw(2, 1) == 5.0f * 2 + 6.0f * -1);
}

TEST_CASE("propagated delta is W transposed times delta", "[dense]") {
  nn::DenseLayer layer = make_layer(2, 3, nn::Activation::Sigmoid);
  set_hand_weights(layer);
  nn::Matrix x = nn::Matrix::Ones(2, 1);
  layer.forward(x);
  layer.delta(1) << 1.0f, 2.0f, 3.0f;
  nn::Matrix input_delta(2, 1);
  nn::MatrixView view = input_delta;
  layer.backward(x, &view);
  CHECK_THAT(input_delta(0, 0), WithinAbs(1.0 * 1 + -1.0 * 2 + 0.0 * 3, 1e-6));
  CHECK_THAT(input_delta(1, 0), WithinAbs(2.0 * 1 + 0.5 * 2 + 3.0 * 3, 1e-6));
}

TEST_CASE("a dense layer's parameters are its weights then its biases, in canonical order",
          "[dense]") {
  nn::DenseLayer layer = make_layer(2, 3, nn::Activation::Sigmoid);
  set_hand_weights(layer);
  const std::vector<nn::Parameter> parameters = layer.parameters();
  REQUIRE(parameters.size() == 2);
  CHECK(parameters[0].is_weight());
  CHECK(parameters[0].dims == std::vector<int>{3, 2});
  CHECK(parameters[0].fan_in == 2);
  CHECK(parameters[0].fan_out == 3);
  // Canonical: row-major outputs x inputs, unit j's input weights in row j.
  std::vector<float> canonical(6);
  nn::copy_canonical(parameters[0], canonical.data());
  CHECK(canonical == std::vector<float>{1.0f, 2.0f, -1.0f, 0.5f, 0.0f, 3.0f});
  nn::assign_canonical(parameters[0], std::vector<float>{6, 5, 4, 3, 2, 1}.data());
  CHECK(layer.weights()(0, 1) == 5.0f);
  CHECK(layer.weights()(2, 0) == 2.0f);
  CHECK_FALSE(parameters[1].is_weight());
  CHECK(parameters[1].dims == std::vector<int>{3});
  CHECK(parameters[1].value == layer.bias().data());
}

TEST_CASE("an inference-only dense layer has no gradients and refuses backward", "[dense]") {
  nn::DenseLayer layer(nn::LayerSpec::dense(3, nn::Activation::Relu), nn::Shape{2, 1, 1}, false);
  CHECK(layer.parameters()[0].gradient == nullptr);
  CHECK(layer.weight_gradient().size() == 0);
  const nn::Matrix x = nn::Matrix::Ones(2, 1);
  layer.forward(x);
  CHECK_THROWS_AS(layer.delta(1), std::logic_error);
  CHECK_THROWS_AS(layer.backward(x, nullptr), std::logic_error);
}
