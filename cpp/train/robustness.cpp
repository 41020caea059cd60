#include "train/robustness.h"

#include "data/drawn_digits.h"

namespace train {

Evaluation evaluate_drawn(nn::Network& network, const data::DatasetView& test, uint32_t seed) {
  const data::Dataset drawn = data::redraw_on_pad(test, seed);
  return evaluate(network, data::view(drawn));
}

}  // namespace train
