#pragma once

#include <cstdint>

#include "data/dataset.h"
#include "nn/matrix.h"
#include "nn/sparse_batch.h"

namespace data {

/// Scales uint8 pixels to floats in [0, 1], the network's input.
inline constexpr float kPixelScale = 1.0f / 255.0f;

/// Writes the images at `indices` into the first n columns of `inputs` (pixels x capacity) and
/// their labels into `labels`: the only place images become floats, one batch at a time.
void gather_batch(const DatasetView& dataset,
                  const uint32_t* indices,
                  int n,
                  nn::Matrix& inputs,
                  uint8_t* labels);

/// The same for the consecutive samples [begin, begin + n); labels are read in place.
void gather_range(const DatasetView& dataset, int begin, int n, nn::Matrix& inputs);

/// The images at `indices` as a sparse batch (their nonzero pixels, scaled to (0, 1]), indexed
/// both ways, with their labels: what training uses, since most MNIST pixels are zero.
void gather_sparse_batch(const DatasetView& dataset,
                         const uint32_t* indices,
                         int n,
                         nn::SparseBatch& batch,
                         uint8_t* labels);

/// The same for the consecutive samples [begin, begin + n).
void gather_sparse_range(const DatasetView& dataset, int begin, int n, nn::SparseBatch& batch);

/// One image (pixels bytes) as a single input column.
void image_to_input(const uint8_t* image, int pixels, nn::Matrix& input);

}  // namespace data
