#pragma once

#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "nn/random.h"

namespace data {

/// A training set made of two datasets with a ratio: every sample of `primary` (a person's own
/// digits) once per epoch, plus `ratio` times as many samples of `secondary` (MNIST) drawn afresh,
/// without repeats, for every epoch, so fine-tuning learns the first without forgetting the
/// second. The samples are copied into one contiguous buffer allocated at construction, so a
/// trainer reads it as an ordinary view; redraw() refills the secondary part in place.
class MixedTrainingSet {
 public:
  /// The most secondary samples per primary one: past this the primary set is noise.
  static constexpr double kMaxRatio = 100.0;

  /// Throws std::invalid_argument when the datasets differ in image size, when the primary set is
  /// empty, or when the ratio is negative, not finite or above kMaxRatio. Draws the first epoch's
  /// secondary samples from `seed`. Both datasets must outlive the set.
  MixedTrainingSet(const DatasetView& primary,
                   const DatasetView& secondary,
                   double ratio,
                   uint64_t seed);

  /// Samples [0, primary_count()) are the primary set, in order; the rest are this epoch's draw.
  DatasetView view() const;
  int primary_count() const { return primary_.count; }
  int secondary_count() const { return secondary_per_epoch_; }

  /// Draws another epoch's secondary samples (distinct within the epoch). Allocates nothing.
  void redraw();

 private:
  DatasetView primary_;
  DatasetView secondary_;
  int secondary_per_epoch_ = 0;
  int classes_ = 0;
  nn::Random random_;
  std::vector<uint32_t> secondary_order_;  // a permutation of the secondary set, partly shuffled
  std::vector<uint8_t> images_;            // (primary + secondary per epoch) x pixels
  std::vector<uint8_t> labels_;
};

}  // namespace data
