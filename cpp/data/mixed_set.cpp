#include "data/mixed_set.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <string>

namespace data {
namespace {

int secondary_per_epoch(const DatasetView& primary, const DatasetView& secondary, double ratio) {
  if (!std::isfinite(ratio) || ratio < 0.0 || ratio > MixedTrainingSet::kMaxRatio) {
    throw std::invalid_argument("the mixing ratio must be a number from 0 to " +
                                std::to_string(static_cast<int>(MixedTrainingSet::kMaxRatio)) +
                                " (other digits per one of yours)");
  }
  if (primary.count <= 0)
    throw std::invalid_argument("there are no digits of your own to train on");
  if (primary.pixels != secondary.pixels) {
    throw std::invalid_argument("your digits have " + std::to_string(primary.pixels) +
                                " pixels each but the other data has " +
                                std::to_string(secondary.pixels));
  }
  const auto wanted = static_cast<long long>(std::llround(ratio * primary.count));
  return static_cast<int>(std::min<long long>(wanted, secondary.count));
}

}  // namespace

MixedTrainingSet::MixedTrainingSet(const DatasetView& primary,
                                   const DatasetView& secondary,
                                   double ratio,
                                   uint64_t seed)
    : primary_(primary),
      secondary_(secondary),
      secondary_per_epoch_(secondary_per_epoch(primary, secondary, ratio)),
      classes_(std::max(primary.classes, secondary.classes)),
      random_(seed),
      secondary_order_(static_cast<size_t>(secondary_per_epoch_ > 0 ? secondary.count : 0)) {
  const size_t total = static_cast<size_t>(primary_.count) + secondary_per_epoch_;
  images_.resize(total * primary_.pixels);
  labels_.resize(total);
  std::memcpy(images_.data(), primary_.images,
              static_cast<size_t>(primary_.count) * primary_.pixels);
  std::memcpy(labels_.data(), primary_.labels, static_cast<size_t>(primary_.count));
  std::iota(secondary_order_.begin(), secondary_order_.end(), 0u);
  redraw();
}

DatasetView MixedTrainingSet::view() const {
  DatasetView v;
  v.images = images_.data();
  v.labels = labels_.data();
  v.count = static_cast<int>(labels_.size());
  v.pixels = primary_.pixels;
  v.classes = classes_;
  return v;
}

void MixedTrainingSet::redraw() {
  // A partial Fisher-Yates shuffle: the first secondary_per_epoch_ entries become a uniform draw
  // without repeats, whatever order the permutation was left in.
  const auto count = static_cast<uint32_t>(secondary_order_.size());
  const size_t pixels = static_cast<size_t>(primary_.pixels);
  for (int i = 0; i < secondary_per_epoch_; ++i) {
    const uint32_t j = i + random_.below(count - i);
    std::swap(secondary_order_[i], secondary_order_[j]);
    const uint32_t sample = secondary_order_[i];
    const size_t slot = static_cast<size_t>(primary_.count) + i;
    std::memcpy(images_.data() + slot * pixels, secondary_.image(static_cast<int>(sample)), pixels);
    labels_[slot] = secondary_.label(static_cast<int>(sample));
  }
}

}  // namespace data
