#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "data/batch.h"
#include "nn/init.h"
#include "nn/network.h"
#include "nn/sparse_batch.h"
#include "support/mnist_fixture.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

nn::Network mnist_network(std::vector<int> hidden,
                          nn::Activation activation,
                          nn::Activation output,
                          nn::Loss loss) {
  nn::Architecture a;
  a.sizes = {784};
  a.sizes.insert(a.sizes.end(), hidden.begin(), hidden.end());
  a.sizes.push_back(10);
  a.hidden_activation = activation;
  a.output_activation = output;
  a.loss = loss;
  nn::Network network(a);
  nn::initialize(network, nn::Init::Uniform, 8);
  return network;
}

void check_close(const nn::Matrix& actual, const nn::Matrix& expected) {
  REQUIRE(actual.rows() == expected.rows());
  REQUIRE(actual.cols() == expected.cols());
  const double scale = std::max(1e-3, double(expected.cwiseAbs().maxCoeff()));
  for (Eigen::Index i = 0; i < expected.size(); ++i) {
    CHECK_THAT(actual.data()[i], WithinAbs(expected.data()[i], 1e-5 * scale));
  }
}

// The dense and the sparse paths on the same images: equal up to float summation order.
void check_sparse_matches_dense(nn::Network& network,
                                const std::vector<uint32_t>& indices,
                                const data::DatasetView& images) {
  const int n = static_cast<int>(indices.size());
  std::vector<uint8_t> labels(n), sparse_labels(n);

  nn::Matrix dense;
  data::gather_batch(images, indices.data(), n, dense, labels.data());
  const auto inputs = dense.leftCols(n);
  const nn::Matrix dense_out = network.forward(inputs);
  const float dense_loss = network.backward(inputs, labels.data());
  std::vector<nn::Matrix> dense_gradients;
  for (const auto& layer : network.layers()) {
    dense_gradients.push_back(layer.weight_gradient());
    dense_gradients.push_back(layer.bias_gradient());
  }

  static nn::SparseBatch sparse;  // reused across calls, as the trainer reuses its batch
  data::gather_sparse_batch(images, indices.data(), n, sparse, sparse_labels.data());
  CHECK(sparse_labels == labels);
  const nn::Matrix sparse_out = network.forward(sparse);
  const float sparse_loss = network.backward(sparse, sparse_labels.data());

  check_close(sparse_out, dense_out);
  CHECK_THAT(sparse_loss, WithinRel(double(dense_loss), 1e-5));
  size_t k = 0;
  for (const auto& layer : network.layers()) {
    check_close(layer.weight_gradient(), dense_gradients[k++]);
    check_close(layer.bias_gradient(), dense_gradients[k++]);
  }
}

}  // namespace

TEST_CASE("a sparse batch indexes its nonzeros by sample and by input", "[sparse]") {
  nn::SparseBatch batch;
  batch.reset(4, 3);
  batch.push(1, 0.5f);  // sample 0
  batch.push(3, 1.0f);
  batch.end_sample();
  batch.end_sample();   // sample 1: blank
  batch.push(0, 2.0f);  // sample 2
  batch.push(1, 0.25f);
  batch.end_sample();
  batch.index_by_input();

  CHECK(batch.nonzeros() == 4);
  CHECK(std::vector<int32_t>(batch.sample_start.begin(), batch.sample_start.begin() + 4) ==
        std::vector<int32_t>{0, 2, 2, 4});
  CHECK(std::vector<int32_t>(batch.input_start.begin(), batch.input_start.begin() + 5) ==
        std::vector<int32_t>{0, 1, 3, 3, 4});
  // Input 1 appears in samples 0 and 2, in sample order.
  CHECK(batch.sample_index[1] == 0);
  CHECK(batch.input_value[1] == 0.5f);
  CHECK(batch.sample_index[2] == 2);
  CHECK(batch.input_value[2] == 0.25f);
  CHECK(batch.sample_index[0] == 2);  // input 0
  CHECK(batch.sample_index[3] == 0);  // input 3
}

TEST_CASE("the sparse path gives the dense path's outputs, loss and gradients", "[sparse][mnist]") {
  std::vector<uint32_t> indices(64);
  for (uint32_t i = 0; i < indices.size(); ++i)
    indices[i] = i * 151 % 10000;
  SECTION("relu / softmax cross-entropy") {
    nn::Network network =
        mnist_network({32}, nn::Activation::Relu, nn::Activation::Softmax, nn::Loss::CrossEntropy);
    check_sparse_matches_dense(network, indices, data::view(test_support::mnist_test_file()));
  }
  SECTION("sigmoid / sigmoid mse, two hidden layers") {
    nn::Network network = mnist_network({16, 12}, nn::Activation::Sigmoid, nn::Activation::Sigmoid,
                                        nn::Loss::MeanSquaredError);
    check_sparse_matches_dense(network, indices, data::view(test_support::mnist_test_file()));
  }
}

TEST_CASE("a smaller sparse batch after a larger one, and a blank image, stay exact",
          "[sparse][mnist]") {
  nn::Network network =
      mnist_network({16}, nn::Activation::Tanh, nn::Activation::Softmax, nn::Loss::CrossEntropy);
  std::vector<uint32_t> large(100);
  for (uint32_t i = 0; i < large.size(); ++i)
    large[i] = 9000 + i;
  const data::DatasetView mnist = data::view(test_support::mnist_test_file());
  check_sparse_matches_dense(network, large, mnist);
  check_sparse_matches_dense(network, {5, 17, 3}, mnist);

  // A blank image has no nonzeros at all: its pre-activations are the biases alone.
  data::IdxImages images;
  images.count = 2;
  images.rows = images.cols = 28;
  images.pixels.assign(2 * 784, 0);
  images.pixels[784 + 300] = 200;
  const data::Dataset blank_and_dot = data::make_dataset(std::move(images), {0, 7});
  network.layers()[0].bias().setLinSpaced(-0.5f, 0.5f);
  check_sparse_matches_dense(network, {0, 1}, data::view(blank_and_dot));
  check_sparse_matches_dense(network, {0}, data::view(blank_and_dot));
}

TEST_CASE("a sparse network input of the wrong size is refused", "[sparse]") {
  nn::Network network =
      mnist_network({16}, nn::Activation::Relu, nn::Activation::Softmax, nn::Loss::CrossEntropy);
  nn::SparseBatch batch;
  batch.reset(100, 1);
  batch.end_sample();
  CHECK_THROWS_AS(network.forward(batch), std::invalid_argument);
}
