#include "data/batch.h"

#include <cstring>

namespace data {
namespace {

using PixelColumn = Eigen::Map<const Eigen::Matrix<uint8_t, Eigen::Dynamic, 1>>;

void reserve(nn::Matrix& inputs, int pixels, int n) {
  if (inputs.rows() != pixels || inputs.cols() < n)
    inputs.resize(pixels, n);
}

}  // namespace

void gather_batch(const DatasetView& dataset,
                  const uint32_t* indices,
                  int n,
                  nn::Matrix& inputs,
                  uint8_t* labels) {
  reserve(inputs, dataset.pixels, n);
  for (int i = 0; i < n; ++i) {
    const auto sample = static_cast<int>(indices[i]);
    inputs.col(i) = PixelColumn(dataset.image(sample), dataset.pixels).cast<float>() * kPixelScale;
    labels[i] = dataset.label(sample);
  }
}

void gather_range(const DatasetView& dataset, int begin, int n, nn::Matrix& inputs) {
  reserve(inputs, dataset.pixels, n);
  const Eigen::Map<const Eigen::Matrix<uint8_t, Eigen::Dynamic, Eigen::Dynamic>> pixels(
      dataset.image(begin), dataset.pixels, n);
  inputs.leftCols(n) = pixels.cast<float>() * kPixelScale;
}

namespace {

// Appends one image's nonzero pixels. Eight bytes at a time: a bit trick marks the nonzero bytes
// of a word, and only those are visited (no branch per pixel: most are zero).
void append_nonzeros(const uint8_t* image, int pixels, nn::SparseBatch& batch) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the word scan assumes little-endian");
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  int k = 0;
  for (; k + 8 <= pixels; k += 8) {
    uint64_t word;
    std::memcpy(&word, image + k, sizeof word);
    // High bit of each byte set iff the byte is nonzero.
    uint64_t nonzero = (((word & kLow7) + kLow7) | word) & ~kLow7;
    while (nonzero != 0) {
      const int i = k + __builtin_ctzll(nonzero) / 8;  // bytes in memory order (little-endian)
      batch.push(i, image[i] * kPixelScale);
      nonzero &= nonzero - 1;
    }
  }
  for (; k < pixels; ++k) {
    if (image[k] != 0)
      batch.push(k, image[k] * kPixelScale);
  }
  batch.end_sample();
}

}  // namespace

void gather_sparse_batch(const DatasetView& dataset,
                         const uint32_t* indices,
                         int n,
                         nn::SparseBatch& batch,
                         uint8_t* labels) {
  batch.reset(dataset.pixels, n);
  for (int i = 0; i < n; ++i) {
    const auto sample = static_cast<int>(indices[i]);
    append_nonzeros(dataset.image(sample), dataset.pixels, batch);
    labels[i] = dataset.label(sample);
  }
  batch.index_by_input();
}

void gather_sparse_range(const DatasetView& dataset, int begin, int n, nn::SparseBatch& batch) {
  batch.reset(dataset.pixels, n);
  for (int i = 0; i < n; ++i)
    append_nonzeros(dataset.image(begin + i), dataset.pixels, batch);
}

void image_to_input(const uint8_t* image, int pixels, nn::Matrix& input) {
  reserve(input, pixels, 1);
  input.col(0) = PixelColumn(image, pixels).cast<float>() * kPixelScale;
}

}  // namespace data
