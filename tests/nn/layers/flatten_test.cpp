#include <catch2/catch.hpp>

#include "nn/layers/flatten.h"
#include "nn/layers/max_pool.h"
#include "support/gradient_check.h"

TEST_CASE("flatten's output is its input, without a copy", "[flatten]") {
  nn::FlattenLayer layer(nn::LayerSpec::flatten(), {3, 2, 2}, true, nullptr);
  CHECK(layer.output_shape() == nn::Shape{12, 1, 1});
  const nn::Matrix x = nn::Matrix::Random(12, 4);
  layer.forward(x);
  CHECK(layer.output(4).data() == x.data());
  CHECK(layer.output(4) == x);
}

TEST_CASE("flatten's delta is the delta of the layer below", "[flatten]") {
  nn::MaxPoolLayer pool(nn::LayerSpec::max_pool(), {2, 4, 4}, true);
  nn::FlattenLayer flatten(nn::LayerSpec::flatten(), pool.output_shape(), true, &pool);
  const nn::Matrix x = nn::Matrix::Random(32, 3);
  pool.forward(x);
  flatten.forward(pool.output(3));
  CHECK(flatten.delta(3).data() == pool.delta(3).data());
  // So the layer above writes the pooling's delta directly, and flatten's backward has nothing
  // to do: dC/d(input) is dC/d(output) itself.
  flatten.delta(3).setConstant(2.0f);
  CHECK((pool.delta(3).array() == 2.0f).all());
}

TEST_CASE("gradients pass through flatten: finite differences of conv -> flatten -> dense",
          "[flatten][gradient]") {
  // The convolution's gradients reach it only through flatten's delta (the pooling's, here).
  nn::Architecture arch;
  arch.input = {2, 4, 5};
  arch.layers = {nn::LayerSpec::conv2d(2, 3, nn::Activation::Tanh, nn::Padding::Valid),
                 nn::LayerSpec::max_pool(), nn::LayerSpec::flatten(),
                 nn::LayerSpec::dense(3, nn::Activation::Softmax)};
  arch.loss = nn::Loss::CrossEntropy;
  test_support::check_gradients(arch, 0.5f);
}
