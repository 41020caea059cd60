#pragma once

#include "nn/network.h"
#include "train/config.h"

namespace test_support {

/// A network of `config`'s shape, initialised from its seed and trained for its epochs on the
/// first `samples` real MNIST training images (28 x 28, 10 classes).
nn::Network train_on_mnist(const train::TrainConfig& config, int samples);

}  // namespace test_support
