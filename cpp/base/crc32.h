#pragma once

#include <cstddef>
#include <cstdint>

namespace base {

/// CRC-32 (IEEE 802.3, the one zlib, gzip and PNG use): crc32("123456789") == 0xCBF43926.
uint32_t crc32(const uint8_t* data, size_t size);

}  // namespace base
