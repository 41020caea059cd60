#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "data/idx.h"

namespace data {

/// Labelled images, kept as the uint8 the files hold (a quarter of the memory of floats).
struct Dataset {
  int rows = 0;
  int cols = 0;
  int classes = 0;              // labels are below this
  std::vector<uint8_t> images;  // count x rows x cols, row-major
  std::vector<uint8_t> labels;  // count

  int count() const { return static_cast<int>(labels.size()); }
  int pixels_per_image() const { return rows * cols; }
};

/// A contiguous range of a dataset's samples, without copying them.
struct DatasetView {
  const uint8_t* images = nullptr;
  const uint8_t* labels = nullptr;
  int count = 0;
  int pixels = 0;  // per image
  int classes = 0;

  const uint8_t* image(int i) const { return images + static_cast<size_t>(i) * pixels; }
  uint8_t label(int i) const { return labels[i]; }
};

/// Pairs an image file with its label file. Throws IdxError when their counts differ, when there
/// are no samples, or when a label is not below `classes` (MNIST: 10).
Dataset make_dataset(IdxImages images, std::vector<uint8_t> labels, int classes = 10);

/// Samples [begin, end) of a dataset.
DatasetView view(const Dataset& dataset, int begin, int end);
inline DatasetView view(const Dataset& dataset) {
  return view(dataset, 0, dataset.count());
}

/// The fraction of nonzero pixels, over up to `max_samples` images spread evenly through the range:
/// about 0.19 for MNIST, 0.5 for Fashion-MNIST. It decides whether batches are worth gathering as
/// their nonzeros (nn/sparse_batch.h).
double nonzero_fraction(const DatasetView& dataset, int max_samples = 1000);

/// The tutorial's split of the 60,000 training images: the first 51,000 train and the last 9,000
/// validate (15%, so other datasets split the same way).
struct TrainValidationSplit {
  DatasetView train;
  DatasetView validation;
};
TrainValidationSplit split_train_validation(const Dataset& training_file);

}  // namespace data
