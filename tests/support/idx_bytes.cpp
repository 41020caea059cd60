#include "support/idx_bytes.h"

namespace test_support {

void append_u32_be(std::vector<uint8_t>& bytes, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    bytes.push_back(static_cast<uint8_t>(value >> shift));
}

std::vector<uint8_t> idx_images_bytes(uint32_t count,
                                      uint32_t rows,
                                      uint32_t cols,
                                      const std::vector<uint8_t>& pixels) {
  std::vector<uint8_t> bytes;
  append_u32_be(bytes, 0x00000803);
  append_u32_be(bytes, count);
  append_u32_be(bytes, rows);
  append_u32_be(bytes, cols);
  bytes.insert(bytes.end(), pixels.begin(), pixels.end());
  return bytes;
}

std::vector<uint8_t> idx_labels_bytes(uint32_t count, const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> bytes;
  append_u32_be(bytes, 0x00000801);
  append_u32_be(bytes, count);
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  return bytes;
}

}  // namespace test_support
