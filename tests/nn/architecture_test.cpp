#include <catch2/catch.hpp>

#include <stdexcept>

#include "nn/architecture.h"

using Catch::Matchers::Contains;

namespace {

nn::Architecture with_sizes(std::vector<int> sizes) {
  nn::Architecture a;
  a.sizes = std::move(sizes);
  return a;
}

}  // namespace

TEST_CASE("parameter count is weights plus biases of every layer", "[architecture]") {
  CHECK(nn::parameter_count({784, 30, 10}) == 784 * 30 + 30 + 30 * 10 + 10);
  CHECK(nn::parameter_count({784, 128, 10}) == 101'770);  // the figure PyTorch prints for it
  CHECK(nn::parameter_count({5}) == 0);
}

TEST_CASE("describe names the sizes, activations and loss", "[architecture]") {
  nn::Architecture a = with_sizes({784, 128, 10});
  a.hidden_activation = nn::Activation::Relu;
  a.output_activation = nn::Activation::Softmax;
  a.loss = nn::Loss::CrossEntropy;
  CHECK(nn::describe(a) == "784-128-10 relu/softmax cross-entropy");
  CHECK(nn::describe(with_sizes({4, 2})) == "4-2 sigmoid mse");
}

TEST_CASE("architectures outside the bounds are refused with the bound in the message",
          "[architecture]") {
  CHECK_NOTHROW(nn::validate_architecture(with_sizes({784, 30, 10})));
  CHECK_NOTHROW(nn::validate_architecture(with_sizes({784, 10})));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({784})), Contains("weight layers"));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({})), Contains("weight layers"));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({4, 4, 4, 4, 4, 4, 4, 4, 4, 2})),
                    Contains("between 1 and 8 weight layers"));
  CHECK_NOTHROW(nn::validate_architecture(with_sizes({4, 4, 4, 4, 4, 4, 4, 4, 2})));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({784, 0, 10})),
                    Contains("hidden size") && Contains("4096"));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({784, 4097, 10})),
                    Contains("hidden size") && Contains("4097"));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({0, 30, 10})), Contains("input size"));
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({784, 30, 1})), Contains("output size"));
  // Each layer within bounds, the whole too big: 4096 x 4096 twice is 33 million parameters.
  CHECK_THROWS_WITH(nn::validate_architecture(with_sizes({4096, 4096, 4096, 10})),
                    Contains("parameters"));
}

TEST_CASE("softmax is refused as a hidden activation and relu as an output", "[architecture]") {
  nn::Architecture a = with_sizes({4, 3, 2});
  a.hidden_activation = nn::Activation::Softmax;
  CHECK_THROWS_WITH(nn::validate_architecture(a), Contains("hidden activation"));
  a.hidden_activation = nn::Activation::Relu;
  a.output_activation = nn::Activation::Relu;
  CHECK_THROWS_WITH(nn::validate_architecture(a), Contains("output activation"));
}
