#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace data {

/// Why an IDX file was refused, in words a person understands.
class IdxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The unsigned-byte IDX files MNIST ships (http://yann.lecun.com/exdb/mnist/): a big-endian
/// magic 0x00000800 | dimension count (0x803 for images, 0x801 for labels), the dimensions
/// as big-endian uint32, then the values, one byte each.
inline constexpr uint32_t kIdxImagesMagic = 0x00000803;
inline constexpr uint32_t kIdxLabelsMagic = 0x00000801;

/// Upper bounds on what a header may claim, so a lying header cannot make us allocate gigabytes.
inline constexpr uint32_t kMaxIdxItems = 1'000'000;
inline constexpr uint32_t kMaxIdxImageSide = 256;

/// uint8 images, row-major, one after the other; count * rows * cols bytes.
struct IdxImages {
  uint32_t count = 0;
  uint32_t rows = 0;
  uint32_t cols = 0;
  std::vector<uint8_t> pixels;
};

/// Parses an IDX image file (magic 0x803) held in memory. Throws IdxError when the magic is wrong,
/// the dimensions are absurd, or the data is shorter or longer than the header says.
IdxImages parse_idx_images(const uint8_t* data, size_t size);

/// The same, taking over the buffer instead of copying the pixels out of it.
IdxImages parse_idx_images(std::vector<uint8_t>&& bytes);

/// Parses an IDX label file (magic 0x801) held in memory; throws IdxError as above.
std::vector<uint8_t> parse_idx_labels(const uint8_t* data, size_t size);

/// The same, from files; errors name the path.
IdxImages read_idx_images(const std::string& path);
std::vector<uint8_t> read_idx_labels(const std::string& path);

}  // namespace data
