#include <catch2/catch.hpp>

#include <vector>

#include "nn/layers/max_pool.h"
#include "nn/random.h"
#include "support/gradient_check.h"
#include "support/reference_network.h"

namespace {

nn::MaxPoolLayer make_layer(const nn::Shape& input, bool trainable = true) {
  return nn::MaxPoolLayer(nn::LayerSpec::max_pool(), input, trainable);
}

}  // namespace

TEST_CASE("max-pooling keeps the largest of each 2x2 window, per channel", "[max_pool]") {
  nn::MaxPoolLayer layer = make_layer({2, 2, 4});
  nn::Matrix x(16, 1);
  x << 1, 5, -1, -2,  //
      3, 2, -3, -4,   // channel 0
      0, 0, 9, 8,     //
      0, 7, 8, 9;     // channel 1
  layer.forward(x);
  CHECK(layer.output_shape() == nn::Shape{2, 1, 2});
  const nn::Matrix out = layer.output(1);
  CHECK(out(0, 0) == 5);
  CHECK(out(1, 0) == -1);
  CHECK(out(2, 0) == 7);
  CHECK(out(3, 0) == 9);  // a tie: the first 9 wins (PyTorch's choice)
}

TEST_CASE("odd sides drop their last row and column", "[max_pool]") {
  CHECK(nn::output_shape(nn::LayerSpec::max_pool(), {16, 7, 5}) == nn::Shape{16, 3, 2});
  nn::MaxPoolLayer layer = make_layer({1, 3, 3});
  nn::Matrix x(9, 1);
  x << 1, 2, 100,  //
      3, 4, 100,   //
      100, 100, 100;
  layer.forward(x);
  REQUIRE(layer.output_size() == 1);
  CHECK(layer.output(1)(0, 0) == 4);
}

TEST_CASE("max-pooling sends each output's gradient to its window's maximum only", "[max_pool]") {
  nn::MaxPoolLayer layer = make_layer({1, 2, 4});
  nn::Matrix x(8, 1);
  x << 1, 5, -1, -2,  //
      3, 2, -3, 7;
  layer.forward(x);
  layer.delta(1) << 10, 20;
  nn::Matrix dx = nn::Matrix::Constant(8, 1, 99.0f);  // stale values must be overwritten
  nn::MatrixView view = dx;
  layer.backward(x, &view);
  nn::Matrix expected(8, 1);
  expected << 0, 10, 0, 0,  //
      0, 0, 0, 20;
  CHECK(dx == expected);
}

TEST_CASE("max-pooling gradients match finite differences", "[max_pool][gradient]") {
  // Distinct values (a shuffled ramp): no window has a near-tie a perturbation could flip.
  const nn::Shape input{3, 5, 6};
  nn::MaxPoolLayer layer = make_layer(input);
  std::vector<float> ramp(static_cast<size_t>(input.size() * 2));
  for (size_t i = 0; i < ramp.size(); ++i)
    ramp[i] = 0.05f * static_cast<float>(i);
  nn::Random random(3);
  random.shuffle(ramp.begin(), ramp.end());
  nn::Matrix x = Eigen::Map<nn::Matrix>(ramp.data(), input.size(), 2);
  nn::Matrix r(layer.output_size(), 2);
  for (Eigen::Index i = 0; i < r.size(); ++i)
    r.data()[i] = random.uniform(-1.0f, 1.0f);
  CHECK(test_support::check_layer_gradients(layer, x, r) > 0.5);
}

TEST_CASE("an inference-only pooling keeps no argmax and refuses backward", "[max_pool]") {
  nn::MaxPoolLayer layer = make_layer({1, 2, 2}, false);
  const nn::Matrix x = nn::Matrix::Ones(4, 1);
  layer.forward(x);
  CHECK(layer.output(1)(0, 0) == 1.0f);
  CHECK_THROWS_AS(layer.delta(1), std::logic_error);
}
