#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace exporter {

/// Writes Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/), the
/// few encodings an ONNX file needs. Hand-written rather than a protobuf library: the core must
/// build for wasm without generated code or a runtime, and writing (never parsing) these five
/// wire forms is a page of code, each form checked byte for byte in tests/export.
class ProtoWriter {
 public:
  /// Field numbers and wire types: a key is (field << 3) | wire type.
  enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

  const std::vector<uint8_t>& bytes() const { return bytes_; }
  bool empty() const { return bytes_.empty(); }

  /// int32, int64, uint64, bool and enum fields: a varint (negative values take ten bytes, as
  /// protobuf encodes them).
  void varint_field(uint32_t field, int64_t value) {
    key(field, kVarint);
    varint(static_cast<uint64_t>(value));
  }

  /// float fields: four bytes, little-endian.
  void float_field(uint32_t field, float value) {
    key(field, kFixed32);
    fixed32(value);
  }

  /// string and bytes fields.
  void bytes_field(uint32_t field, std::string_view value) {
    key(field, kLengthDelimited);
    varint(value.size());
    bytes_.insert(bytes_.end(), value.begin(), value.end());
  }
  void bytes_field(uint32_t field, const void* data, size_t size) {
    bytes_field(field, std::string_view(static_cast<const char*>(data), size));
  }

  /// An embedded message, written in full beforehand (its length comes first).
  void message_field(uint32_t field, const ProtoWriter& message) {
    bytes_field(field, message.bytes_.data(), message.bytes_.size());
  }

  /// repeated int64, packed (proto3's default): one length-delimited run of varints.
  void packed_varints(uint32_t field, const std::vector<int64_t>& values) {
    ProtoWriter run;
    for (int64_t value : values)
      run.varint(static_cast<uint64_t>(value));
    message_field(field, run);
  }

  /// repeated float, packed: one length-delimited run of little-endian floats.
  void packed_floats(uint32_t field, const std::vector<float>& values) {
    ProtoWriter run;
    for (float value : values)
      run.fixed32(value);
    message_field(field, run);
  }

 private:
  void key(uint32_t field, WireType type) { varint((uint64_t{field} << 3) | type); }

  void varint(uint64_t value) {
    while (value >= 0x80) {
      bytes_.push_back(static_cast<uint8_t>(value | 0x80));
      value >>= 7;
    }
    bytes_.push_back(static_cast<uint8_t>(value));
  }

  void fixed32(float value) {
    uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    for (int shift = 0; shift < 32; shift += 8)
      bytes_.push_back(static_cast<uint8_t>(bits >> shift));
  }

  std::vector<uint8_t> bytes_;
};

}  // namespace exporter
