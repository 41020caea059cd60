#include <catch2/catch.hpp>

#include <stdexcept>

#include "nn/architecture.h"
#include "nn/layer_string.h"

using Catch::Matchers::Contains;

namespace {

nn::Architecture with_sizes(std::vector<int> sizes) {
  return nn::Architecture::mlp(sizes, nn::Activation::Sigmoid, nn::Activation::Sigmoid,
                               nn::Loss::MeanSquaredError);
}

// 1x28x28 -> the layer list -> a 10-way softmax output, with the flattens written out.
nn::Architecture cnn(const char* layers, nn::Shape input = {1, 28, 28}) {
  nn::Architecture a;
  a.input = input;
  a.layers = nn::parse_layer_list(layers, nn::Activation::Relu);
  a.layers.push_back(nn::LayerSpec::dense(10, nn::Activation::Softmax));
  a.loss = nn::Loss::CrossEntropy;
  return a;
}

const char* const kLeNet = "conv5x6,pool,conv5x16,pool,flatten,fc120,fc84";

}  // namespace

TEST_CASE("parameter count is weights plus biases of every layer", "[architecture]") {
  CHECK(nn::parameter_count(with_sizes({784, 30, 10})) == 784 * 30 + 30 + 30 * 10 + 10);
  CHECK(nn::parameter_count(with_sizes({784, 128, 10})) == 101'770);  // PyTorch prints this
  // LeNet as the cnn preset: 156 + 2,416 + 30,840 + 10,164 + 850, as PyTorch counts it.
  CHECK(nn::parameter_count(cnn(kLeNet)) == 44'426);
}

TEST_CASE("shapes follow the layers: valid convolutions shrink, pooling halves", "[architecture]") {
  const std::vector<nn::Shape> shapes = cnn(kLeNet).shapes();
  REQUIRE(shapes.size() == 9);
  CHECK(shapes[1] == nn::Shape{6, 24, 24});
  CHECK(shapes[2] == nn::Shape{6, 12, 12});
  CHECK(shapes[3] == nn::Shape{16, 8, 8});
  CHECK(shapes[4] == nn::Shape{16, 4, 4});
  CHECK(shapes[5] == nn::Shape{256, 1, 1});
  CHECK(shapes[8] == nn::Shape{10, 1, 1});
  CHECK(cnn(kLeNet).sizes() == std::vector<int>{784, 3456, 864, 1024, 256, 256, 120, 84, 10});
  CHECK(with_sizes({784, 128, 10}).sizes() == std::vector<int>{784, 128, 10});
  CHECK(with_sizes({784, 128, 10}).is_mlp());
  CHECK_FALSE(cnn(kLeNet).is_mlp());
}

TEST_CASE("describe names the sizes, activations and loss", "[architecture]") {
  nn::Architecture a = nn::Architecture::mlp({784, 128, 10}, nn::Activation::Relu,
                                             nn::Activation::Softmax, nn::Loss::CrossEntropy);
  CHECK(nn::describe(a) == "784-128-10 relu/softmax cross-entropy");
  CHECK(nn::describe(with_sizes({4, 2})) == "4-2 sigmoid mse");
  CHECK(nn::describe(cnn(kLeNet)) ==
        "1x28x28 conv5x6,pool,conv5x16,pool,flatten,fc120,fc84,fc10 relu/softmax cross-entropy");
  CHECK(nn::describe(cnn("conv3x4:tanh,flatten,fc8")) ==
        "1x28x28 conv3x4:tanh,flatten,fc8:relu,fc10 softmax cross-entropy");
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
  nn::Architecture a = nn::Architecture::mlp({4, 3, 2}, nn::Activation::Softmax,
                                             nn::Activation::Sigmoid, nn::Loss::MeanSquaredError);
  CHECK_THROWS_WITH(nn::validate_architecture(a), Contains("hidden activation"));
  a = nn::Architecture::mlp({4, 3, 2}, nn::Activation::Relu, nn::Activation::Relu,
                            nn::Loss::MeanSquaredError);
  CHECK_THROWS_WITH(nn::validate_architecture(a), Contains("output activation"));
}

TEST_CASE(
    "convolutional layer lists that do not fit 28x28 or exceed bounds are refused, naming "
    "the layer",
    "[architecture]") {
  CHECK_NOTHROW(nn::validate_architecture(cnn(kLeNet)));
  CHECK_NOTHROW(nn::validate_architecture(cnn("conv3x32:same,conv3x32:same,pool,flatten,fc128")));
  // Three valid 5x5 convolutions and pools: 28 -> 24 -> 12 -> 8 -> 4 -> a 5x5 kernel on 4x4.
  CHECK_THROWS_WITH(
      nn::validate_architecture(cnn("conv5x6,pool,conv5x16,pool,conv5x16,flatten,fc10")),
      Contains("layer 5 (conv5x16)") && Contains("does not fit its 4x4 input"));
  CHECK_THROWS_WITH(nn::validate_architecture(cnn("pool,pool,pool,pool,pool,flatten,fc10")),
                    Contains("layer 5 (pool)") && Contains("at least 2x2"));
  CHECK_THROWS_WITH(nn::validate_architecture(cnn("flatten,fc64,conv3x8,flatten")),
                    Contains("layer 3 (conv3x8)") && Contains("before any flatten or dense"));
  CHECK_THROWS_WITH(nn::validate_architecture(cnn("fc64,pool,flatten", {64, 1, 1})),
                    Contains("before any flatten or dense"));
  // A dense layer straight after a convolution needs the flatten the layer string implies.
  CHECK_THROWS_WITH(nn::validate_architecture(cnn("conv5x6,fc10")),
                    Contains("layer 2 (fc10)") && Contains("put a flatten before it"));
  // 128 channels at 28x28 are 100,352 values per sample.
  CHECK_THROWS_WITH(nn::validate_architecture(cnn("conv3x128:same,pool,flatten")),
                    Contains("layer 1") && Contains("100352 values"));
  nn::Architecture absurd = cnn(kLeNet);
  absurd.layers[0].units = 100000;
  CHECK_THROWS_WITH(nn::validate_architecture(absurd),
                    Contains("filters must be between 1 and 256"));
  absurd = cnn(kLeNet);
  absurd.layers[0].kernel = 12;
  CHECK_THROWS_WITH(nn::validate_architecture(absurd),
                    Contains("kernel side must be between 1 and 9"));
  // A flat output layer of 9 million parameters: within every per-layer bound, too big in all.
  CHECK_THROWS_WITH(nn::validate_architecture(cnn("conv3x64:same,flatten,fc4096")),
                    Contains("parameters"));
  // The last layer must be the dense output.
  nn::Architecture pooled_last = cnn(kLeNet);
  pooled_last.layers.push_back(nn::LayerSpec::max_pool());
  CHECK_THROWS_WITH(nn::validate_architecture(pooled_last), Contains("last layer must be a dense"));
}
