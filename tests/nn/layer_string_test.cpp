#include <catch2/catch.hpp>

#include <stdexcept>

#include "nn/layer_string.h"

using Catch::Matchers::Contains;
using nn::Activation;
using nn::LayerSpec;
using nn::Padding;

TEST_CASE("the cnn preset's layer list parses to LeNet's layers", "[layer_string]") {
  const auto layers =
      nn::parse_layer_list("conv5x6,pool,conv5x16,pool,fc120,fc84", Activation::Relu);
  REQUIRE(layers.size() == 6);
  CHECK(layers[0] == LayerSpec::conv2d(5, 6, Activation::Relu, Padding::Valid));
  CHECK(layers[1] == LayerSpec::max_pool());
  CHECK(layers[2] == LayerSpec::conv2d(5, 16, Activation::Relu, Padding::Valid));
  CHECK(layers[4] == LayerSpec::dense(120, Activation::Relu));
  CHECK(layers[5] == LayerSpec::dense(84, Activation::Relu));
}

TEST_CASE("layer options set the padding and the activation, in any order", "[layer_string]") {
  const auto layers = nn::parse_layer_list(
      " conv3x32:same , conv3x8:tanh:same, flatten, fc10:sigmoid", Activation::Relu);
  REQUIRE(layers.size() == 4);
  CHECK(layers[0] == LayerSpec::conv2d(3, 32, Activation::Relu, Padding::Same));
  CHECK(layers[1] == LayerSpec::conv2d(3, 8, Activation::Tanh, Padding::Same));
  CHECK(layers[2] == LayerSpec::flatten());
  CHECK(layers[3] == LayerSpec::dense(10, Activation::Sigmoid));
  CHECK(nn::parse_layer_list("", Activation::Relu).empty());
}

TEST_CASE("a layer list formats back to the text it came from", "[layer_string]") {
  for (const char* text : {"conv5x6,pool,conv5x16,pool,fc120,fc84",
                           "conv3x32:same:tanh,pool,flatten,fc64", "fc128,fc64:sigmoid"}) {
    CHECK(nn::format_layer_list(nn::parse_layer_list(text, Activation::Relu), Activation::Relu) ==
          text);
  }
}

TEST_CASE("layer lists that do not parse are refused naming the item", "[layer_string]") {
  auto refuses = [](const char* text, const char* message) {
    INFO(text);
    CHECK_THROWS_WITH(nn::parse_layer_list(text, Activation::Relu), Contains(message));
  };
  refuses("conv5", "conv<kernel>x<filters>");
  refuses("conv5x", "conv<kernel>x<filters>");
  refuses("conv5x100000", "filters must be 1 to 256");
  refuses("conv0x6", "kernel side must be 1 to 9");
  refuses("conv11x6", "kernel side must be 1 to 9");
  refuses("conv4x6:same", "odd kernel");
  refuses("fc", "fc<units>");
  refuses("fc0", "units must be 1 to 4096");
  refuses("fc99999999", "fc<units>");
  refuses("pool:relu", "takes no options");
  refuses("fc10:same", "only a convolution");
  refuses("fc10:softmax", "relu, tanh or sigmoid");
  refuses("fc10:swish", "unknown option 'swish'");
  refuses("conv3x6:same:valid", "padding is given twice");
  refuses("fc10:relu:tanh", "activation is given twice");
  refuses("lstm32", "expected conv");
  refuses("fc10,,fc10", "empty item");
  refuses("fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1,fc1",
          "at most 20 layers");
}
