#pragma once

#include <cstdint>
#include <vector>

namespace test_support {

/// Appends a big-endian uint32, the IDX header's integer format.
void append_u32_be(std::vector<uint8_t>& bytes, uint32_t value);

/// An IDX image file in memory: magic 0x00000803, count, rows, cols (big-endian), then `pixels`
/// as given (which need not match the header: tests build bad files on purpose).
std::vector<uint8_t> idx_images_bytes(uint32_t count,
                                      uint32_t rows,
                                      uint32_t cols,
                                      const std::vector<uint8_t>& pixels);

/// An IDX label file in memory: magic 0x00000801, count, then `labels` as given.
std::vector<uint8_t> idx_labels_bytes(uint32_t count, const std::vector<uint8_t>& labels);

}  // namespace test_support
