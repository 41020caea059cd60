#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/crc32.h"
#include "nn/init.h"
#include "nn/layer_string.h"
#include "nn/model_format.h"
#include "nn/random.h"
#include "support/networks.h"

using Catch::Matchers::Contains;

namespace {

// One 16-byte layer record of version 2, as documented in model_format.h.
struct Record {
  uint8_t kind, activation, padding, kernel;
  uint32_t channels, height, width;
};

// A version 2 file written field by field from the documented layout.
struct HandFileV2 {
  uint32_t input[3] = {1, 4, 4};
  std::vector<Record> layers{
      {1, 1, 0, 2, 2, 3, 3},  // conv2d, relu, valid, 2x2, 2 filters: 2x3x3
      {2, 0, 0, 0, 2, 1, 1},  // max-pool: 2x1x1
      {3, 0, 0, 0, 2, 1, 1},  // flatten: 2
      {0, 3, 0, 0, 3, 1, 1},  // dense, softmax, 3 units
  };
  int layer_count = -1;  // -1: layers.size()
  uint8_t loss = 1, reserved[3] = {0, 0, 0};
  std::string metadata = "{}";
  // conv weights [2][1][2][2], conv biases, dense weights 3 x 2 row-major, dense biases
  std::vector<float> parameters{1, 2, 3, 4, 5, 6, 7, 8, 0.5f, -0.5f, 1, 2, 3, 4, 5, 6, 0, 1, 2};

  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out;
    base::ByteWriter w(out);
    w.write_bytes("NNMF", 4);
    w.write_u32_le(2);
    for (uint32_t d : input)
      w.write_u32_le(d);
    w.write_u32_le(layer_count >= 0 ? layer_count : static_cast<uint32_t>(layers.size()));
    for (const Record& r : layers) {
      for (uint8_t b : {r.kind, r.activation, r.padding, r.kernel})
        w.write_u8(b);
      w.write_u32_le(r.channels);
      w.write_u32_le(r.height);
      w.write_u32_le(r.width);
    }
    w.write_u8(loss);
    for (uint8_t b : reserved)
      w.write_u8(b);
    w.write_u32_le(static_cast<uint32_t>(metadata.size()));
    w.write_bytes(metadata.data(), metadata.size());
    for (float p : parameters)
      w.write_f32_le(p);
    w.write_u32_le(base::crc32(out.data(), out.size()));
    return out;
  }
};

nn::Model decode(const std::vector<uint8_t>& bytes) {
  return nn::decode_model(bytes.data(), bytes.size());
}

nn::Architecture cnn_architecture(const char* layers, nn::Shape input = {1, 28, 28}) {
  nn::Architecture a;
  a.input = input;
  a.layers = nn::parse_layer_list(layers, nn::Activation::Relu);
  a.layers.push_back(nn::LayerSpec::dense(10, nn::Activation::Softmax));
  a.loss = nn::Loss::CrossEntropy;
  return a;
}

nn::Network random_cnn(const char* layers, uint64_t seed, nn::Shape input = {1, 28, 28}) {
  nn::Network network(cnn_architecture(layers, input));
  nn::initialize(network, nn::Init::He, seed);
  nn::Random random(seed);
  for (const nn::Parameter& p : network.parameters()) {  // biases too, so their order shows
    if (!p.is_weight()) {
      for (Eigen::Index i = 0; i < p.size; ++i)
        p.value[i] = random.uniform(-0.1f, 0.1f);
    }
  }
  return network;
}

}  // namespace

TEST_CASE("a version 2 file written from the documented layout decodes to its network",
          "[model_format][v2]") {
  const nn::Model model = decode(HandFileV2().bytes());
  CHECK(model.version == 2);
  const nn::Architecture& arch = model.network.architecture();
  CHECK(arch.input == nn::Shape{1, 4, 4});
  REQUIRE(arch.layers.size() == 4);
  CHECK(arch.layers[0] == nn::LayerSpec::conv2d(2, 2, nn::Activation::Relu, nn::Padding::Valid));
  CHECK(arch.layers[1] == nn::LayerSpec::max_pool());
  CHECK(arch.layers[2] == nn::LayerSpec::flatten());
  CHECK(arch.layers[3] == nn::LayerSpec::dense(3, nn::Activation::Softmax));
  CHECK(arch.loss == nn::Loss::CrossEntropy);
  // conv weights are [filter][channel][ky][kx]: filter 1's kernel is 5, 6 / 7, 8.
  const nn::Conv2DLayer& conv = model.network.conv2d(0);
  CHECK(conv.weights()(0, 1) == 5.0f);
  CHECK(conv.weights()(2, 1) == 7.0f);
  CHECK(conv.bias()[1] == -0.5f);
  const nn::DenseLayer& dense = model.network.dense(3);
  CHECK(dense.weights()(0, 1) == 2.0f);  // row-major: unit 0's two input weights first
  CHECK(dense.weights()(2, 0) == 5.0f);
  CHECK(dense.bias()[2] == 2.0f);
}

TEST_CASE("the encoder writes exactly the documented version 2 layout", "[model_format][v2]") {
  const HandFileV2 file;
  const nn::Model model = decode(file.bytes());
  CHECK(nn::encode_model(model.network, model.metadata) == file.bytes());
}

TEST_CASE("a CNN round-trips through version 2 with identical predictions", "[model_format][v2]") {
  const nn::Network original = random_cnn("conv5x6,pool,conv5x16,pool,flatten,fc120,fc84", 3);
  const std::vector<uint8_t> bytes = nn::encode_model(original, "{\"preset\":\"cnn\"}");
  CHECK(bytes[4] == 2);
  nn::Model loaded = decode(bytes);
  CHECK(loaded.metadata == "{\"preset\":\"cnn\"}");
  CHECK(test_support::same_parameters(original, loaded.network));
  nn::Network trained_copy = original;
  nn::Matrix x(784, 7);
  nn::Random random(2);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    x.data()[i] = random.uniform(0.0f, 1.0f);
  const nn::Matrix expected = trained_copy.forward(x);
  CHECK(loaded.network.forward(x) == expected);
}

TEST_CASE("writers pick version 1 for an MLP and 2 for anything else", "[model_format][v2]") {
  const nn::Network mlp(nn::Architecture::mlp({4, 3, 2}, nn::Activation::Relu,
                                              nn::Activation::Softmax, nn::Loss::CrossEntropy));
  CHECK(nn::encode_model(mlp)[4] == 1);
  // Version 2 holds an MLP too, and it reads back as the same network.
  const nn::Model as_v2 = decode(nn::encode_model(mlp, "", 2));
  CHECK(as_v2.version == 2);
  CHECK(test_support::same_parameters(mlp, as_v2.network));
  const nn::Network cnn = random_cnn("conv3x2,flatten", 1, {1, 5, 5});
  CHECK_THROWS_WITH(nn::encode_model(cnn, "", 1), Contains("fully connected"));
  CHECK_THROWS_AS(nn::encode_model(cnn, "", 3), std::invalid_argument);
  // Different hidden activations per layer do not fit version 1's single hidden code.
  nn::Architecture mixed = nn::Architecture::mlp({4, 3, 3, 2}, nn::Activation::Relu,
                                                 nn::Activation::Softmax, nn::Loss::CrossEntropy);
  mixed.layers[1].activation = nn::Activation::Tanh;
  CHECK(nn::encode_model(nn::Network(mixed))[4] == 2);
}

TEST_CASE("version 2 layer-list faults are refused, saying version 2 and why",
          "[model_format][v2]") {
  auto refused = [](const HandFileV2& file, const char* why) {
    INFO(why);
    CHECK_THROWS_WITH(decode(file.bytes()), Contains("version 2") && Contains(why));
  };
  HandFileV2 file;
  file.layers[1].kind = 4;
  refused(file, "unknown kind 4");
  file = HandFileV2();
  file.layers[1].activation = 1;
  refused(file, "has an activation code");
  file = HandFileV2();
  file.layers[3].padding = 1;
  refused(file, "not a convolution");
  file = HandFileV2();
  file.layers[0].padding = 2;
  refused(file, "unknown padding code 2");
  file = HandFileV2();
  file.layers[0].activation = 9;
  refused(file, "unknown activation code 9");
  file = HandFileV2();
  file.layers[0].height = 4;  // a 2x2 valid kernel on 4x4 makes 3x3
  refused(file, "claims an output of 2x4x3 but makes 2x3x3 from its 1x4x4 input");
  file = HandFileV2();
  file.layers[1].channels = 3;
  refused(file, "claims an output");
  file = HandFileV2();
  file.layer_count = 0;
  refused(file, "0 layers");
  file.layer_count = 21;
  refused(file, "21 layers");
  file = HandFileV2();
  file.reserved[2] = 1;
  refused(file, "reserved header bytes");
  file = HandFileV2();
  file.loss = 2;
  refused(file, "unknown loss code 2");
  file = HandFileV2();
  file.input[1] = 1'000'000;
  refused(file, "out of bounds");
  file = HandFileV2();
  file.layers[0].kernel = 5;  // does not fit the 4x4 input
  refused(file, "does not fit");
  file = HandFileV2();
  std::swap(file.layers[0], file.layers[2]);  // a flatten first, then a convolution
  refused(file, "before any flatten or dense");
  file = HandFileV2();
  file.layers[3].activation = 1;  // relu as an output
  refused(file, "output activation");
}

TEST_CASE("a version 2 file truncated at any length, or with any bit flipped, is refused",
          "[model_format][v2]") {
  const nn::Network network = random_cnn("conv3x2:same,pool,flatten", 5, {1, 4, 4});
  const std::vector<uint8_t> bytes = nn::encode_model(network, "{\"n\":1}");
  REQUIRE(bytes[4] == 2);
  for (size_t length = 0; length < bytes.size(); ++length) {
    INFO("truncated to " << length);
    CHECK_THROWS_AS(decode(std::vector<uint8_t>(bytes.begin(), bytes.begin() + length)),
                    nn::ModelFormatError);
  }
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    for (int bit = 0; bit < 8; ++bit) {
      INFO("byte " << offset << ", bit " << bit);
      std::vector<uint8_t> corrupt = bytes;
      corrupt[offset] ^= static_cast<uint8_t>(1u << bit);
      CHECK_THROWS_AS(decode(corrupt), nn::ModelFormatError);
    }
  }
}

TEST_CASE("a CNN whose weights would overflow a forward pass is refused", "[model_format][v2]") {
  nn::Network network = random_cnn("conv3x2,pool,flatten,fc4", 7, {1, 6, 6});
  network.conv2d(0).weights().setConstant(1e20f);
  network.dense(3).weights().setConstant(1e20f);
  CHECK_THROWS_WITH(decode(nn::encode_model(network)), Contains("overflow"));
}
