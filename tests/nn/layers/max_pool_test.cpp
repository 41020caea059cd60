#include <catch2/catch.hpp>

#include <algorithm>
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
  CHECK(out(3, 0) == 9);  // a tie
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

TEST_CASE("of equal maxima, the upper of a column wins, then the left column", "[max_pool]") {
  nn::MaxPoolLayer layer = make_layer({1, 2, 6});
  nn::Matrix x(12, 1);
  // Window 1: all equal (the top left wins). Window 2: 3 in the lower left, upper right and lower
  // right (the lower left wins: its column comes first). Window 3: the lower row (left wins).
  x << 3, 3, 0, 3, 0, 0,  //
      3, 3, 3, 3, 2, 2;
  layer.forward(x);
  layer.delta(1) << 1, 2, 4;
  nn::Matrix dx(12, 1);
  nn::MatrixView view = dx;
  layer.backward(x, &view);
  nn::Matrix expected(12, 1);
  expected << 1, 0, 0, 0, 0, 0,  //
      0, 0, 2, 0, 4, 0;
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

// The cnn's shapes (whole vectors), odd sides and widths that leave a remainder of a vector, over
// a batch, with ties everywhere (ReLU-like values: many zeros, few distinct values): outputs and
// where each gradient goes, against the rule written as a loop.
TEST_CASE("max-pooling of whole vectors and remainders follows the window rule with ties",
          "[max_pool]") {
  const std::vector<nn::Shape> shapes = {{6, 24, 24}, {16, 8, 8}, {3, 7, 5}, {2, 9, 21}, {1, 2, 2}};
  const int n = 3;
  for (const nn::Shape& in : shapes) {
    INFO(nn::to_string(in));
    nn::MaxPoolLayer layer = make_layer(in);
    nn::Random random(5);
    nn::Matrix x(in.size(), n);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      x.data()[i] = std::max(0.0f, static_cast<float>(static_cast<int>(random.uniform(-3, 3))));
    layer.forward(x);
    nn::Matrix dy(layer.output_size(), n);
    for (Eigen::Index i = 0; i < dy.size(); ++i)
      dy.data()[i] = static_cast<float>(i + 1);
    layer.delta(n) = dy;
    nn::Matrix dx = nn::Matrix::Constant(in.size(), n, 99.0f);
    nn::MatrixView view = dx;
    layer.backward(x, &view);

    const nn::Shape out = layer.output_shape();
    nn::Matrix expected_y(layer.output_size(), n), expected_dx = nn::Matrix::Zero(in.size(), n);
    for (int s = 0; s < n; ++s) {
      for (int c = 0; c < in.channels; ++c) {
        for (int oy = 0; oy < out.height; ++oy) {
          for (int ox = 0; ox < out.width; ++ox) {
            const int upper = (c * in.height + 2 * oy) * in.width + 2 * ox;
            int best = -1;
            for (int column = 0; column < 2; ++column) {
              const int top = upper + column, bottom = top + in.width;
              const int winner = x(bottom, s) > x(top, s) ? bottom : top;
              if (best < 0 || x(winner, s) > x(best, s))
                best = winner;
            }
            const int o = (c * out.height + oy) * out.width + ox;
            expected_y(o, s) = x(best, s);
            expected_dx(best, s) = dy(o, s);
          }
        }
      }
    }
    CHECK(layer.output(n) == expected_y);
    CHECK(dx == expected_dx);
  }
}
