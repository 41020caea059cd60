#include "data/batch.h"

namespace data {
namespace {

using PixelColumn = Eigen::Map<const Eigen::Matrix<uint8_t, Eigen::Dynamic, 1>>;

void reserve(nn::Matrix& inputs, int pixels, int n) {
  if (inputs.rows() != pixels || inputs.cols() < n) inputs.resize(pixels, n);
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

void image_to_input(const uint8_t* image, int pixels, nn::Matrix& input) {
  reserve(input, pixels, 1);
  input.col(0) = PixelColumn(image, pixels).cast<float>() * kPixelScale;
}

}  // namespace data
