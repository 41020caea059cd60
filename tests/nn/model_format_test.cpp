#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/crc32.h"
#include "base/files.h"
#include "nn/init.h"
#include "nn/model_format.h"
#include "nn/random.h"
#include "support/networks.h"
#include "support/temp_file.h"

using Catch::Matchers::Contains;

namespace {

// A model file written field by field from the layout documented in model_format.h, so the tests
// check the format itself and not only that the encoder and decoder agree.
struct HandFile {
  std::string magic = "NNMF";
  uint32_t version = 1;
  std::vector<uint32_t> sizes{2, 2};
  int layer_count = -1;  // -1: sizes.size() - 1
  uint8_t hidden = 0, output = 0, loss = 0, reserved = 0;
  std::string metadata;
  int metadata_length = -1;                         // -1: metadata.size()
  std::vector<float> parameters{1, 2, 3, 4, 5, 6};  // per layer: weights row-major, then biases

  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out;
    base::ByteWriter w(out);
    w.write_bytes(magic.data(), magic.size());
    w.write_u32_le(version);
    w.write_u32_le(layer_count >= 0 ? layer_count : static_cast<uint32_t>(sizes.size() - 1));
    for (uint32_t size : sizes)
      w.write_u32_le(size);
    w.write_u8(hidden);
    w.write_u8(output);
    w.write_u8(loss);
    w.write_u8(reserved);
    w.write_u32_le(metadata_length >= 0 ? metadata_length : static_cast<uint32_t>(metadata.size()));
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

// Rewrites the trailing CRC so a deliberate change is not caught by the checksum alone.
void fix_checksum(std::vector<uint8_t>& bytes) {
  const uint32_t crc = base::crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i)
    bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (8 * i));
}

nn::Network random_network(std::vector<int> sizes, uint64_t seed) {
  nn::Network network(nn::Architecture::mlp(sizes, nn::Activation::Tanh, nn::Activation::Softmax,
                                            nn::Loss::CrossEntropy));
  nn::initialize(network, nn::Init::Uniform, seed);
  return network;
}

void check_same_parameters(const nn::Network& a, const nn::Network& b) {
  REQUIRE(a.architecture() == b.architecture());
  CHECK(test_support::same_parameters(a, b));
}

// Where the weights start in an encoded version 1 file: 12 + 4 (L + 1) + 4 + 4 + metadata.
size_t payload_offset(const nn::Network& network, size_t metadata_size) {
  return 12 + 4 * network.architecture().sizes().size() + 8 + metadata_size;
}

void write_f32_at(std::vector<uint8_t>& bytes, size_t offset, float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, 4);
  for (int i = 0; i < 4; ++i)
    bytes[offset + i] = static_cast<uint8_t>(bits >> (8 * i));
}

}  // namespace

TEST_CASE("a file written from the documented layout decodes to its network", "[model_format]") {
  HandFile file;
  file.sizes = {3, 2, 2};
  file.hidden = 1;  // relu
  file.output = 3;  // softmax
  file.loss = 1;    // cross-entropy
  file.metadata = "{\"preset\":\"hand\"}";
  // Layer 1 (2 x 3): rows are units; then 2 biases. Layer 2 (2 x 2), then 2 biases.
  file.parameters = {1, 2, 3, 4, 5, 6, 0.5f, -0.5f, 7, 8, 9, 10, -1, 1};
  const nn::Model model = decode(file.bytes());

  const nn::Architecture& arch = model.network.architecture();
  CHECK(arch.sizes() == std::vector<int>{3, 2, 2});
  CHECK(arch.layers[0].activation == nn::Activation::Relu);
  CHECK(arch.output_activation() == nn::Activation::Softmax);
  CHECK(arch.loss == nn::Loss::CrossEntropy);
  CHECK(model.metadata == "{\"preset\":\"hand\"}");
  CHECK(model.version == 1);
  CHECK_FALSE(model.network.trainable());  // a loaded model carries no gradients
  const nn::Matrix& w1 = model.network.dense(0).weights();
  CHECK(w1(0, 0) == 1.0f);
  CHECK(w1(0, 2) == 3.0f);  // row-major: unit 0's three input weights come first
  CHECK(w1(1, 0) == 4.0f);
  CHECK(model.network.dense(0).bias()[1] == -0.5f);
  CHECK(model.network.dense(1).weights()(1, 0) == 9.0f);
  CHECK(model.network.dense(1).bias()[0] == -1.0f);
}

TEST_CASE("the encoder writes exactly the documented layout", "[model_format]") {
  HandFile file;
  file.metadata = "{}";
  const nn::Model model = decode(file.bytes());
  CHECK(nn::encode_model(model.network, model.metadata) == file.bytes());
}

TEST_CASE("save then load gives identical weights and identical predictions", "[model_format]") {
  nn::Network original = random_network({6, 5, 4, 3}, 77);
  nn::Model loaded = decode(nn::encode_model(original));
  check_same_parameters(original, loaded.network);
  CHECK(loaded.metadata.empty());

  nn::Matrix x(6, 8);
  nn::Random random(1);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    x.data()[i] = random.uniform(0.0f, 1.0f);
  const nn::Matrix expected = original.forward(x);
  const nn::Matrix actual = loaded.network.forward(x);
  CHECK(actual == expected);
}

TEST_CASE("metadata survives the round trip byte for byte", "[model_format]") {
  const nn::Network network = random_network({4, 3, 2}, 1);
  const std::string json =
      "{\"preset\":\"mlp\",\"epochs\":3,\"test_accuracy\":0.978,\"note\":\"ü\"}";
  CHECK(decode(nn::encode_model(network, json)).metadata == json);
  const std::string largest(nn::kMaxModelMetadataBytes, 'x');
  CHECK(decode(nn::encode_model(network, largest)).metadata == largest);
  CHECK_THROWS_AS(nn::encode_model(network, largest + "x"), std::invalid_argument);
}

TEST_CASE("a file with the wrong signature is refused", "[model_format]") {
  HandFile file;
  file.magic = "NNMG";
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("NNMF"));
  const std::vector<uint8_t> idx = {0x00, 0x00, 0x08, 0x03, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7};
  CHECK_THROWS_AS(decode(idx), nn::ModelFormatError);
  const std::vector<uint8_t> gzip = {0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0};
  CHECK_THROWS_AS(decode(gzip), nn::ModelFormatError);
  CHECK_THROWS_AS(nn::decode_model(nullptr, 0), nn::ModelFormatError);
}

TEST_CASE("a file of another format version is refused, naming the versions", "[model_format]") {
  HandFile file;
  file.version = 3;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("version 3") && Contains("versions 1 and 2"));
  file.version = 0;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("version 0"));
  // A version 1 layout that claims version 2 fails as a version 2 layer list, and says so.
  file.version = 2;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("version 2"));
}

TEST_CASE("a file truncated at any length is refused", "[model_format]") {
  const nn::Network network = random_network({3, 4, 2}, 2);
  const std::vector<uint8_t> bytes = nn::encode_model(network, "{\"epochs\":1}");
  for (size_t length = 0; length < bytes.size(); ++length) {
    INFO("truncated to " << length << " of " << bytes.size() << " bytes");
    const std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + length);
    CHECK_THROWS_AS(decode(truncated), nn::ModelFormatError);
    if (length >= 4)
      CHECK_THROWS_WITH(decode(truncated), Contains("truncated"));
  }
}

TEST_CASE("one flipped bit anywhere in the file is refused", "[model_format]") {
  const nn::Network network = random_network({3, 4, 2}, 3);
  const std::string metadata = "{\"epochs\":1}";
  const std::vector<uint8_t> bytes = nn::encode_model(network, metadata);
  const size_t payload = payload_offset(network, metadata.size());
  for (size_t offset = 0; offset < bytes.size(); ++offset) {
    for (int bit = 0; bit < 8; ++bit) {
      INFO("byte " << offset << ", bit " << bit);
      std::vector<uint8_t> corrupt = bytes;
      corrupt[offset] ^= static_cast<uint8_t>(1u << bit);
      CHECK_THROWS_AS(decode(corrupt), nn::ModelFormatError);
      // A weight, a bias or the checksum itself: only the checksum can tell.
      if (offset >= payload)
        CHECK_THROWS_WITH(decode(corrupt), Contains("checksum"));
    }
  }
}

TEST_CASE("trailing bytes after the checksum are refused", "[model_format]") {
  std::vector<uint8_t> bytes = nn::encode_model(random_network({3, 4, 2}, 4));
  bytes.push_back(0);
  CHECK_THROWS_WITH(decode(bytes), Contains("has 1 unexpected byte"));
  bytes.resize(bytes.size() + 99, 0xAB);
  CHECK_THROWS_WITH(decode(bytes), Contains("100 unexpected bytes"));
}

TEST_CASE("absurd layer counts and sizes are refused before anything is allocated",
          "[model_format]") {
  HandFile file;
  file.sizes = {784, 1'000'000, 10};  // 3 GB of weights claimed by a 60-byte file
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("layer 1 has size 1000000"));
  file.sizes = {784, 0, 10};
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("layer 1 has size 0"));
  file.sizes = {4096, 4096, 4096, 10};  // each size allowed, 33 million parameters together
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("parameters"));
  file.sizes = {2, 2};
  file.layer_count = 0;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("0 layers"));
  file.layer_count = 0x7FFFFFFF;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("layers"));
}

TEST_CASE("unknown activation and loss codes are refused", "[model_format]") {
  HandFile file;
  file.output = 7;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("activation"));
  file.output = 1;  // relu as an output
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("output activation"));
  file.output = 0;
  file.loss = 2;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("loss code 2"));
  file.loss = 0;
  file.sizes = {2, 2, 2};
  file.parameters.assign(12, 0.5f);
  file.hidden = 3;  // softmax as a hidden activation
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("hidden activation"));
}

TEST_CASE("a NaN or infinite weight is refused even with a correct checksum", "[model_format]") {
  const nn::Network network = random_network({3, 4, 2}, 5);
  const size_t payload = payload_offset(network, 0);
  std::vector<uint8_t> nan = nn::encode_model(network);
  write_f32_at(nan, payload + 4 * 5, std::numeric_limits<float>::quiet_NaN());
  fix_checksum(nan);
  CHECK_THROWS_WITH(decode(nan), Contains("NaN"));

  std::vector<uint8_t> infinite = nn::encode_model(network);
  write_f32_at(infinite, infinite.size() - 8, std::numeric_limits<float>::infinity());  // last bias
  fix_checksum(infinite);
  CHECK_THROWS_WITH(decode(infinite), Contains("infinite"));
}

TEST_CASE("a metadata length that disagrees with the file is refused", "[model_format]") {
  HandFile file;
  file.metadata = "{\"a\":1}";
  file.metadata_length = static_cast<int>(file.metadata.size()) + 1;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("truncated"));
  file.metadata_length = static_cast<int>(file.metadata.size()) - 1;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("unexpected bytes"));
  file.metadata_length = 70000;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("64 KiB"));
}

TEST_CASE("a model saved to a file loads back identical", "[model_format]") {
  test_support::TempFile file("model.nnmf");
  const nn::Network network = random_network({6, 5, 4, 3}, 6);
  nn::save_model_file(file.path(), network, "{\"epochs\":2}");
  const nn::Model model = nn::load_model_file(file.path());
  check_same_parameters(network, model.network);
  CHECK(model.metadata == "{\"epochs\":2}");
}

TEST_CASE("loading a corrupt or missing model file names the path", "[model_format]") {
  test_support::TempFile file("corrupt.nnmf");
  std::vector<uint8_t> bytes = nn::encode_model(random_network({3, 4, 2}, 7));
  bytes[bytes.size() / 2] ^= 0x10;
  base::write_file(file.path(), bytes);
  CHECK_THROWS_AS(nn::load_model_file(file.path()), nn::ModelFormatError);
  CHECK_THROWS_WITH(nn::load_model_file(file.path()),
                    Contains(file.path()) && Contains("checksum"));

  test_support::TempFile missing("missing.nnmf");
  CHECK_THROWS_WITH(nn::load_model_file(missing.path()), Contains(missing.path()));
}

TEST_CASE("a non-zero reserved header byte is refused", "[model_format]") {
  HandFile file;
  file.reserved = 1;
  CHECK_THROWS_WITH(decode(file.bytes()), Contains("reserved header byte"));
}

TEST_CASE("finite weights so large that a forward pass would overflow are refused",
          "[model_format]") {
  // 2 inputs -> 2 relu -> 2 softmax: 1e20 * 1e20 overflows float even though each weight is finite.
  HandFile file;
  file.sizes = {2, 2, 2};
  file.hidden = 1;  // relu
  file.output = 3;  // softmax
  file.loss = 1;    // cross-entropy
  file.parameters = {1e20f, 1e20f, 1e20f, 1e20f, 0, 0, 1e20f, 1e20f, 1e20f, 1e20f, 0, 0};
  CHECK_THROWS_AS(decode(file.bytes()), nn::ModelFormatError);

  file.parameters = {1e3f, 1e3f, 1e3f, 1e3f, 0, 0, 1e3f, 1e3f, 1e3f, 1e3f, 0, 0};
  CHECK_NOTHROW(decode(file.bytes()));
}
