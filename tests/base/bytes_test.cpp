#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "base/bytes.h"

TEST_CASE("byte reader reads big- and little-endian integers", "[bytes]") {
  const uint8_t data[] = {0x00, 0x00, 0x08, 0x03, 0x01, 0x02, 0x03, 0x04, 0xFF};
  base::ByteReader in(data, sizeof data);
  uint32_t be = 0, le = 0;
  uint8_t byte = 0;
  REQUIRE(in.read_u32_be(be));
  REQUIRE(in.read_u32_le(le));
  REQUIRE(in.read_u8(byte));
  CHECK(be == 0x803u);
  CHECK(le == 0x04030201u);
  CHECK(byte == 0xFF);
  CHECK(in.remaining() == 0);
}

TEST_CASE("byte reader refuses to read past the end and stays where it was", "[bytes]") {
  const uint8_t data[] = {1, 2, 3};
  base::ByteReader in(data, sizeof data);
  uint32_t value = 0xDEADBEEF;
  CHECK_FALSE(in.read_u32_be(value));
  CHECK_FALSE(in.read_u32_le(value));
  CHECK(value == 0xDEADBEEF);
  CHECK(in.offset() == 0);
  CHECK_FALSE(in.skip(4));
  CHECK(in.skip(3));
  uint8_t byte = 0;
  CHECK_FALSE(in.read_u8(byte));
}

TEST_CASE("floats written little-endian read back bit for bit", "[bytes]") {
  std::vector<uint8_t> bytes;
  base::ByteWriter out(bytes);
  out.write_f32_le(1.0f);
  out.write_f32_le(-0.15625f);
  out.write_u32_le(0x11223344);
  REQUIRE(bytes.size() == 12);
  // IEEE-754 binary32: 1.0f is 0x3F800000, stored little-endian.
  CHECK(bytes[0] == 0x00);
  CHECK(bytes[3] == 0x3F);
  CHECK(bytes[2] == 0x80);
  CHECK(bytes[8] == 0x44);
  base::ByteReader in(bytes.data(), bytes.size());
  float a = 0, b = 0;
  REQUIRE(in.read_f32_le(a));
  REQUIRE(in.read_f32_le(b));
  CHECK(a == 1.0f);
  CHECK(b == -0.15625f);
}
