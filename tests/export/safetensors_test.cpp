#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "export/safetensors.h"

using Catch::Matchers::Contains;
using exporter::encode_safetensors;
using exporter::NamedTensor;

namespace {

uint64_t header_length(const std::vector<uint8_t>& file) {
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i)
    length = (length << 8) | file[static_cast<size_t>(i)];
  return length;
}

std::string header_of(const std::vector<uint8_t>& file) {
  return std::string(reinterpret_cast<const char*>(file.data()) + 8, header_length(file));
}

}  // namespace

TEST_CASE("safetensors: a header length, a JSON header naming each tensor, then the data",
          "[safetensors]") {
  const std::vector<NamedTensor> tensors{{"0.weight", {2, 3}, {1, 2, 3, 4, 5, 6}},
                                         {"0.bias", {2}, {-1.5f, 0.25f}}};
  const std::vector<uint8_t> file = encode_safetensors(tensors, {{"format", "pt"}});
  const std::string header = header_of(file);
  CHECK(header_length(file) % 8 == 0);  // the data starts 8-byte aligned
  CHECK(header.rfind("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                     "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},"
                     "\"__metadata__\":{\"format\":\"pt\"}}",
                     0) == 0);
  CHECK(header.find_first_not_of(' ', header.find_last_of('}') + 1) == std::string::npos);
  REQUIRE(file.size() == 8 + header.size() + 32);
  float value;
  std::memcpy(&value, file.data() + 8 + header.size() + 24, 4);  // little-endian float
  CHECK(value == -1.5f);
  std::memcpy(&value, file.data() + 8 + header.size() + 20, 4);
  CHECK(value == 6.0f);
}

TEST_CASE("safetensors escapes names and metadata as JSON strings", "[safetensors]") {
  const std::vector<uint8_t> file =
      encode_safetensors({{"a\"b", {1}, {0}}}, {{"class_names", "[\"T-shirt\"]"}});
  CHECK_THAT(header_of(file), Contains("\"a\\\"b\""));
  CHECK_THAT(header_of(file), Contains("\"class_names\":\"[\\\"T-shirt\\\"]\""));
}

TEST_CASE("safetensors refuses tensors whose values do not fill their shape, or bad names",
          "[safetensors]") {
  CHECK_THROWS_WITH(encode_safetensors({{"w", {2, 2}, {1, 2, 3}}}), Contains("3 values"));
  CHECK_THROWS_AS(encode_safetensors({{"w", {1}, {1}}, {"w", {1}, {1}}}), std::invalid_argument);
  CHECK_THROWS_AS(encode_safetensors({{"__metadata__", {1}, {1}}}), std::invalid_argument);
  CHECK_THROWS_AS(encode_safetensors({{"", {1}, {1}}}), std::invalid_argument);
}
