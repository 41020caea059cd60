#include "support/proto_reader.h"

#include <stdexcept>

namespace test_support {
namespace {

uint64_t read_varint(const uint8_t* data, size_t size, size_t& at) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= size)
      throw std::runtime_error("a varint runs past the end");
    const uint8_t byte = data[at++];
    value |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0)
      return value;
  }
  throw std::runtime_error("a varint is longer than 10 bytes");
}

}  // namespace

ProtoMessage::ProtoMessage(const std::string& bytes)
    : ProtoMessage(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) {}

ProtoMessage::ProtoMessage(const uint8_t* data, size_t size) {
  size_t at = 0;
  while (at < size) {
    const uint64_t key = read_varint(data, size, at);
    ProtoField field;
    field.number = static_cast<uint32_t>(key >> 3);
    field.wire_type = static_cast<uint32_t>(key & 7);
    switch (field.wire_type) {
      case 0:
        field.varint = read_varint(data, size, at);
        break;
      case 2: {
        const uint64_t length = read_varint(data, size, at);
        if (length > size - at)
          throw std::runtime_error("a length-delimited field runs past the end");
        field.bytes.assign(reinterpret_cast<const char*>(data + at), length);
        at += length;
        break;
      }
      case 5:
        if (size - at < 4)
          throw std::runtime_error("a fixed32 field runs past the end");
        field.fixed32 = uint32_t(data[at]) | uint32_t(data[at + 1]) << 8 |
                        uint32_t(data[at + 2]) << 16 | uint32_t(data[at + 3]) << 24;
        at += 4;
        break;
      default:
        throw std::runtime_error("unexpected wire type " + std::to_string(field.wire_type));
    }
    fields_.push_back(std::move(field));
  }
}

std::vector<ProtoField> ProtoMessage::all(uint32_t number) const {
  std::vector<ProtoField> found;
  for (const ProtoField& field : fields_) {
    if (field.number == number)
      found.push_back(field);
  }
  return found;
}

const ProtoField& ProtoMessage::one(uint32_t number) const {
  const ProtoField* found = nullptr;
  for (const ProtoField& field : fields_) {
    if (field.number != number)
      continue;
    if (found)
      throw std::runtime_error("field " + std::to_string(number) + " appears more than once");
    found = &field;
  }
  if (!found)
    throw std::runtime_error("field " + std::to_string(number) + " is missing");
  return *found;
}

std::vector<int64_t> unpack_varints(const std::string& run) {
  std::vector<int64_t> values;
  const auto* data = reinterpret_cast<const uint8_t*>(run.data());
  size_t at = 0;
  while (at < run.size())
    values.push_back(static_cast<int64_t>(read_varint(data, run.size(), at)));
  return values;
}

}  // namespace test_support
