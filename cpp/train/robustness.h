#pragma once

#include <cstdint>

#include "data/dataset.h"
#include "nn/network.h"
#include "train/evaluation.h"

namespace train {

/// The drawings every model is measured on come from one fixed seed, so figures compare.
inline constexpr uint32_t kRobustnessSeed = 1;

/// The robustness measure: accuracy on the test digits drawn on the pad the way people draw (other
/// sizes and places, the pad's pen, slight rotations; see data/drawn_digits.h) and read through
/// the same preprocessing as a real drawing. Takes about a second natively for 10,000 digits.
Evaluation evaluate_drawn(nn::Network& network,
                          const data::DatasetView& test,
                          uint32_t seed = kRobustnessSeed);

}  // namespace train
