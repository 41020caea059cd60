#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace exporter {

/// A float32 tensor with a name and a row-major shape.
struct NamedTensor {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<float> values;  // row-major, product(shape) of them
};

/// The tensors as a .safetensors file (https://github.com/huggingface/safetensors): an 8-byte
/// little-endian header length, a JSON header naming each tensor's dtype ("F32"), shape and byte
/// range, padded with spaces to a multiple of 8 bytes, then the tensors' bytes, little-endian, in
/// the given order. `metadata` becomes the header's "__metadata__" (string values only, as the
/// format requires). Throws std::invalid_argument for an empty or repeated name, a name starting
/// with "__", or values that do not match the shape.
std::vector<uint8_t> encode_safetensors(
    const std::vector<NamedTensor>& tensors,
    const std::vector<std::pair<std::string, std::string>>& metadata = {});

}  // namespace exporter
