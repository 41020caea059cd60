#pragma once

#include "nn/network.h"
#include "train/config.h"

namespace test_support {

/// A network of `config`'s shape, initialised from its seed and trained for its epochs on the
/// first `samples` real MNIST training images (28 x 28, 10 classes).
nn::Network train_on_mnist(const train::TrainConfig& config, int samples);

/// A configuration whose training on MNIST really produces NaN or infinity within a few batches:
/// ReLU through five hidden layers of 32, softmax cross-entropy, SGD at learning rate 100, batches
/// of 4. Measured: it diverged for each of 10 seeds on 500 and on 1,000 images, always within the
/// first 4 batches. (Sigmoid/MSE at lr 100 only saturates, and a single ReLU layer dies: neither
/// reaches NaN.)
train::TrainConfig diverging_config();

}  // namespace test_support
