#include "train/fine_tune.h"

#include <algorithm>
#include <stdexcept>

#include "train/evaluation.h"

namespace train {

std::vector<int> digits_missing(const data::Dataset& digits, int classes, int minimum) {
  std::vector<int> counts(static_cast<size_t>(std::max(classes, 0)), 0);
  for (uint8_t label : digits.labels) {
    if (label < counts.size())
      ++counts[label];
  }
  for (int& count : counts)
    count = count >= minimum ? 0 : minimum - count;
  return counts;
}

std::string describe_missing(const std::vector<int>& missing) {
  std::vector<std::string> parts;
  for (size_t digit = 0; digit < missing.size(); ++digit) {
    if (missing[digit] > 0) {
      parts.push_back(std::to_string(missing[digit]) + " more " + std::to_string(digit) +
                      (missing[digit] == 1 ? "" : "s"));
    }
  }
  if (parts.empty())
    return {};
  std::string text = "draw " + parts[0];
  for (size_t i = 1; i < parts.size(); ++i)
    text += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return text;
}

YourDigits split_your_digits(const data::Dataset& digits, int classes) {
  const std::string missing = describe_missing(digits_missing(digits, classes));
  if (!missing.empty()) {
    throw std::invalid_argument(
        "too few of your digits to fine-tune on and measure honestly (at "
        "least " +
        std::to_string(kMinDigitsPerClass) + " of each): " + missing);
  }
  YourDigits split;
  for (data::Dataset* part : {&split.train, &split.held_out}) {
    part->rows = digits.rows;
    part->cols = digits.cols;
    part->classes = classes;
  }
  const size_t pixels = static_cast<size_t>(digits.pixels_per_image());
  const size_t held_out = static_cast<size_t>(digits.count() / kHeldOutEvery + classes);
  split.held_out.images.reserve(held_out * pixels);
  split.train.images.reserve(static_cast<size_t>(digits.count()) * pixels);
  std::vector<int> seen(static_cast<size_t>(classes), 0);
  for (int i = 0; i < digits.count(); ++i) {
    const uint8_t label = digits.labels[i];
    if (label >= classes)
      throw std::invalid_argument("label " + std::to_string(label) + " is not a digit below " +
                                  std::to_string(classes));
    data::Dataset& part = ++seen[label] % kHeldOutEvery == 0 ? split.held_out : split.train;
    const uint8_t* image = digits.images.data() + i * pixels;
    part.images.insert(part.images.end(), image, image + pixels);
    part.labels.push_back(label);
  }
  return split;
}

TrainConfig fine_tune_config() {
  TrainConfig config;
  config.preset = "fine-tune";
  config.optimizer = nn::OptimizerKind::Adam;
  config.learning_rate = 1e-3f;
  config.schedule = Schedule::Constant;
  config.batch_size = 32;
  config.epochs = 10;
  config.seed = 1;
  return config;
}

FineTuneMeasure measure_fine_tune(nn::Network& network,
                                  const data::DatasetView& held_out,
                                  const data::DatasetView& mnist_test) {
  return {evaluate(network, held_out).accuracy(), evaluate(network, mnist_test).accuracy()};
}

}  // namespace train
