#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace test_support {

/// One field of a protobuf message as it lies on the wire.
struct ProtoField {
  uint32_t number = 0;
  uint32_t wire_type = 0;
  uint64_t varint = 0;   // wire type 0
  uint32_t fixed32 = 0;  // wire type 5
  std::string bytes;     // wire type 2: a string, a packed run or an embedded message
};

/// A protobuf message split into its fields, in order: a reader written from the wire-format
/// specification, independent of the writer under test. Throws std::runtime_error on bytes that
/// are not a well-formed message.
class ProtoMessage {
 public:
  explicit ProtoMessage(const std::string& bytes);
  ProtoMessage(const uint8_t* data, size_t size);

  const std::vector<ProtoField>& fields() const { return fields_; }
  /// Every field with this number, in order.
  std::vector<ProtoField> all(uint32_t number) const;
  /// The only field with this number; throws when there is none or several.
  const ProtoField& one(uint32_t number) const;
  /// The embedded message in the only field with this number.
  ProtoMessage message(uint32_t number) const { return ProtoMessage(one(number).bytes); }
  bool has(uint32_t number) const { return !all(number).empty(); }

 private:
  std::vector<ProtoField> fields_;
};

/// The varints of a packed repeated field.
std::vector<int64_t> unpack_varints(const std::string& run);

}  // namespace test_support
