#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "base/crc32.h"

namespace {

uint32_t crc_of(const std::string& text) {
  return base::crc32(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

}  // namespace

TEST_CASE("crc32 of 123456789 is the standard check value 0xCBF43926", "[crc32]") {
  CHECK(crc_of("123456789") == 0xCBF43926u);
}

TEST_CASE("crc32 matches zlib's values for the empty string and short texts", "[crc32]") {
  CHECK(crc_of("") == 0x00000000u);
  CHECK(crc_of("a") == 0xE8B7BE43u);  // python3 -c "import zlib; print(hex(zlib.crc32(b'a')))"
  CHECK(crc_of("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
}

TEST_CASE("crc32 changes when any single bit changes", "[crc32]") {
  std::vector<uint8_t> bytes(64);
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<uint8_t>(i * 37);
  const uint32_t original = base::crc32(bytes.data(), bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      bytes[i] ^= static_cast<uint8_t>(1u << bit);
      CHECK(base::crc32(bytes.data(), bytes.size()) != original);
      bytes[i] ^= static_cast<uint8_t>(1u << bit);
    }
  }
}
