#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace base {

/// Reads fixed-width integers and floats from a byte buffer without ever reading past its end.
/// Each read reports failure by returning false, so parsers can name what was truncated.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  size_t offset() const { return offset_; }
  size_t remaining() const { return size_ - offset_; }
  const uint8_t* current() const { return data_ + offset_; }

  bool skip(size_t count) {
    if (remaining() < count)
      return false;
    offset_ += count;
    return true;
  }
  bool read_u8(uint8_t& value) {
    if (remaining() < 1)
      return false;
    value = data_[offset_++];
    return true;
  }
  bool read_u32_be(uint32_t& value) {
    if (remaining() < 4)
      return false;
    const uint8_t* p = data_ + offset_;
    value = uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
    offset_ += 4;
    return true;
  }
  bool read_u32_le(uint32_t& value) {
    if (remaining() < 4)
      return false;
    const uint8_t* p = data_ + offset_;
    value = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    offset_ += 4;
    return true;
  }
  bool read_f32_le(float& value) {
    uint32_t bits = 0;
    if (!read_u32_le(bits))
      return false;
    std::memcpy(&value, &bits, sizeof value);
    return true;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t offset_ = 0;
};

/// Appends little-endian values to a growing byte vector.
class ByteWriter {
 public:
  explicit ByteWriter(std::vector<uint8_t>& out) : out_(out) {}

  void write_bytes(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    out_.insert(out_.end(), p, p + size);
  }
  void write_u8(uint8_t value) { out_.push_back(value); }
  void write_u32_le(uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8)
      out_.push_back(static_cast<uint8_t>(value >> shift));
  }
  void write_f32_le(float value) {
    uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    write_u32_le(bits);
  }

 private:
  std::vector<uint8_t>& out_;
};

}  // namespace base
