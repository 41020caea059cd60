#include "train/classify.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "data/batch.h"
#include "train/evaluation.h"

namespace train {

Classification classify_image(nn::Network& network, const uint8_t* image) {
  constexpr int kPixels = data::kDigitSide * data::kDigitSide;
  const nn::Shape& shape = network.input_shape();
  if (shape != nn::Shape{1, data::kDigitSide, data::kDigitSide} &&
      shape != nn::Shape{kPixels, 1, 1}) {
    throw std::invalid_argument("the model takes " + nn::to_string(shape) +
                                " inputs, not a 28 x 28 image");
  }
  Classification result;
  result.empty = false;
  std::copy(image, image + kPixels, result.image.begin());
  nn::Matrix input(kPixels, 1);
  data::image_to_input(image, kPixels, input);
  const nn::ConstMatrixMap outputs = network.forward(input);
  if (!outputs.allFinite()) {
    throw std::runtime_error(
        "the model's outputs are not finite numbers: its weights are unusable");
  }
  const float total = outputs.col(0).sum();
  result.probabilities.resize(static_cast<size_t>(outputs.rows()));
  for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
    const bool normalised = network.architecture().output_activation() == nn::Activation::Softmax;
    result.probabilities[i] = normalised || total <= 0.0f ? outputs(i, 0) : outputs(i, 0) / total;
  }
  result.digit = argmax(outputs.col(0));
  return result;
}

Classification classify_drawing(nn::Network& network, const data::InkImage& drawing) {
  const data::PreparedDigit digit = data::preprocess_drawing(drawing);
  if (digit.empty)
    return {};
  return classify_image(network, digit.pixels.data());
}

}  // namespace train
