#pragma once

#include <array>
#include <vector>

#include "data/drawing.h"
#include "nn/network.h"

namespace train {

/// What the network reads in a drawing.
struct Classification {
  bool empty = true;  // no ink: nothing was classified
  int digit = -1;
  std::vector<float> probabilities;                                  // per class, summing to 1
  std::array<uint8_t, data::kDigitSide * data::kDigitSide> image{};  // what the network saw
};

/// Preprocesses the drawing the MNIST way (see data/drawing.h) and runs it through the network.
/// Softmax outputs are probabilities already; sigmoid outputs are normalised to sum to 1.
/// Throws std::invalid_argument when the network does not take 28 x 28 images.
Classification classify_drawing(nn::Network& network, const data::InkImage& drawing);

/// Runs one 28 x 28 image (uint8, as in the IDX files) through the network.
Classification classify_image(nn::Network& network, const uint8_t* image);

}  // namespace train
