#include "export/safetensors.h"

#include <cstring>
#include <set>
#include <stdexcept>

#include "base/bytes.h"
#include "base/json.h"

namespace exporter {

std::vector<uint8_t> encode_safetensors(
    const std::vector<NamedTensor>& tensors,
    const std::vector<std::pair<std::string, std::string>>& metadata) {
  std::string header = "{";
  std::set<std::string> names;
  size_t offset = 0;
  for (const NamedTensor& tensor : tensors) {
    if (tensor.name.empty() || tensor.name.rfind("__", 0) == 0 ||
        !names.insert(tensor.name).second) {
      throw std::invalid_argument(
          "a safetensors tensor needs a unique name not starting with __, got '" + tensor.name +
          "'");
    }
    size_t count = 1;
    std::string shape = "[";
    for (size_t i = 0; i < tensor.shape.size(); ++i) {
      count *= static_cast<size_t>(tensor.shape[i]);
      shape += (i ? "," : "") + std::to_string(tensor.shape[i]);
    }
    shape += "]";
    if (count != tensor.values.size()) {
      throw std::invalid_argument("tensor '" + tensor.name + "' has " +
                                  std::to_string(tensor.values.size()) + " values for shape " +
                                  shape);
    }
    const size_t end = offset + count * sizeof(float);
    header += (header.size() > 1 ? "," : "") + base::json_string(tensor.name) +
              ":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" +
              std::to_string(offset) + "," + std::to_string(end) + "]}";
    offset = end;
  }
  if (!metadata.empty()) {
    header += std::string(header.size() > 1 ? "," : "") + "\"__metadata__\":{";
    for (size_t i = 0; i < metadata.size(); ++i) {
      header += (i ? "," : "") + base::json_string(metadata[i].first) + ":" +
                base::json_string(metadata[i].second);
    }
    header += "}";
  }
  header += "}";
  // The data that follows starts 8-byte aligned, as the format recommends.
  header.append((8 - header.size() % 8) % 8, ' ');

  std::vector<uint8_t> bytes;
  bytes.reserve(8 + header.size() + offset);
  base::ByteWriter out(bytes);
  const uint64_t length = header.size();
  out.write_u32_le(static_cast<uint32_t>(length));
  out.write_u32_le(static_cast<uint32_t>(length >> 32));
  out.write_bytes(header.data(), header.size());
  for (const NamedTensor& tensor : tensors) {
    for (float value : tensor.values)
      out.write_f32_le(value);
  }
  return bytes;
}

}  // namespace exporter
