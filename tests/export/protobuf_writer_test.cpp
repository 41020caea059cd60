#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "export/protobuf_writer.h"

using exporter::ProtoWriter;

namespace {

std::vector<uint8_t> bytes(std::initializer_list<int> values) {
  std::vector<uint8_t> out;
  for (int v : values)
    out.push_back(static_cast<uint8_t>(v));
  return out;
}

}  // namespace

// The examples of https://protobuf.dev/programming-guides/encoding/, byte for byte.
TEST_CASE("a varint field is its key then 7-bit groups, least significant first", "[protobuf]") {
  ProtoWriter w;
  w.varint_field(1, 150);
  CHECK(w.bytes() == bytes({0x08, 0x96, 0x01}));
}

TEST_CASE("a negative int64 takes ten bytes, as two's complement", "[protobuf]") {
  ProtoWriter w;
  w.varint_field(1, -1);
  CHECK(w.bytes() == bytes({0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST_CASE("field numbers of 16 and above take a two-byte key", "[protobuf]") {
  ProtoWriter w;
  w.varint_field(20, 7);  // (20 << 3) | 0 = 160
  CHECK(w.bytes() == bytes({0xA0, 0x01, 0x07}));
}

TEST_CASE("a string field is its key, its length, then its bytes", "[protobuf]") {
  ProtoWriter w;
  w.bytes_field(2, "testing");
  CHECK(w.bytes() == bytes({0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'}));
}

TEST_CASE("an empty string field is written with length zero", "[protobuf]") {
  ProtoWriter w;
  w.bytes_field(1, "");
  CHECK(w.bytes() == bytes({0x0A, 0x00}));
}

TEST_CASE("an embedded message is a length-delimited field holding its bytes", "[protobuf]") {
  ProtoWriter inner;
  inner.varint_field(1, 150);
  ProtoWriter outer;
  outer.message_field(3, inner);
  CHECK(outer.bytes() == bytes({0x1A, 0x03, 0x08, 0x96, 0x01}));
}

TEST_CASE("a float field is wire type 5 with the IEEE bits little-endian", "[protobuf]") {
  ProtoWriter w;
  w.float_field(2, 1.0f);  // 0x3F800000
  CHECK(w.bytes() == bytes({0x15, 0x00, 0x00, 0x80, 0x3F}));
}

TEST_CASE("packed repeated varints are one length-delimited run", "[protobuf]") {
  ProtoWriter w;
  w.packed_varints(4, {3, 270, 86942});
  CHECK(w.bytes() == bytes({0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05}));
}

TEST_CASE("packed repeated floats are one run of little-endian floats", "[protobuf]") {
  ProtoWriter w;
  w.packed_floats(7, {1.0f, -2.0f});  // -2.0f = 0xC0000000
  CHECK(w.bytes() == bytes({0x3A, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0}));
}

TEST_CASE("a length of 128 bytes or more is itself a multi-byte varint", "[protobuf]") {
  ProtoWriter w;
  w.bytes_field(1, std::string(300, 'x'));
  REQUIRE(w.bytes().size() == 1 + 2 + 300);
  CHECK(w.bytes()[1] == 0xAC);  // 300 = 0b10_0101100
  CHECK(w.bytes()[2] == 0x02);
}
