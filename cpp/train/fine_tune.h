#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"
#include "nn/network.h"
#include "train/config.h"

namespace train {

/// Fewest of a person's digits per class before fine-tuning: each class then has one held-out
/// digit and four to learn from. The page's teach feature says the same
/// (web/src/features/teach/shared/contract.js, MIN_PER_CLASS).
inline constexpr int kMinDigitsPerClass = 5;
/// Each class's 5th, 10th, 15th, ... digit (in the order they were kept) is held out: a fixed
/// fifth that fine-tuning never trains on, so "before" and "after" are measured on the same digits.
inline constexpr int kHeldOutEvery = 5;
/// MNIST training digits mixed in per digit of yours, unless told otherwise.
inline constexpr double kDefaultMix = 1.0;

/// A person's digits split into the part fine-tuning learns from and the part it is judged on.
struct YourDigits {
  data::Dataset train;
  data::Dataset held_out;
};

/// For each class below `classes`, how many more digits it needs to reach `minimum`.
std::vector<int> digits_missing(const data::Dataset& digits,
                                int classes,
                                int minimum = kMinDigitsPerClass);

/// "draw 3 more 4s and 1 more 7", or empty when nothing is missing.
std::string describe_missing(const std::vector<int>& missing);

/// The held-out split (kHeldOutEvery). Throws std::invalid_argument saying what is missing when a
/// class below `classes` has fewer than kMinDigitsPerClass digits.
YourDigits split_your_digits(const data::Dataset& digits, int classes);

/// What fine-tuning starts from when not told otherwise: Adam at 1e-3 (constant), batches of 32,
/// 10 epochs, seed 1, no augmentation (the sweep behind it is in tests/train/fine_tune_test.cpp).
TrainConfig fine_tune_config();

/// Accuracies (0..1) of one model on a person's held-out digits and on the MNIST test set.
struct FineTuneMeasure {
  double held_out = 0.0;
  double mnist_test = 0.0;
};
FineTuneMeasure measure_fine_tune(nn::Network& network,
                                  const data::DatasetView& held_out,
                                  const data::DatasetView& mnist_test);

}  // namespace train
