#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "data/batch.h"
#include "nn/init.h"
#include "nn/kernels.h"
#include "nn/network.h"
#include "nn/random.h"
#include "nn/sparse_batch.h"
#include "support/mnist_fixture.h"
#include "support/networks.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

nn::Network mnist_network(std::vector<int> hidden,
                          nn::Activation activation,
                          nn::Activation output,
                          nn::Loss loss) {
  std::vector<int> sizes{784};
  sizes.insert(sizes.end(), hidden.begin(), hidden.end());
  sizes.push_back(10);
  nn::Network network(nn::Architecture::mlp(sizes, activation, output, loss));
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
  const std::vector<float> dense_gradients = test_support::all_gradients(network);

  static nn::SparseBatch sparse;  // reused across calls, as the trainer reuses its batch
  data::gather_sparse_batch(images, indices.data(), n, sparse, sparse_labels.data());
  CHECK(sparse_labels == labels);
  const nn::Matrix sparse_out = network.forward(sparse);
  const float sparse_loss = network.backward(sparse, sparse_labels.data());

  check_close(sparse_out, dense_out);
  CHECK_THAT(sparse_loss, WithinRel(double(dense_loss), 1e-5));
  const std::vector<float> sparse_gradients = test_support::all_gradients(network);
  check_close(Eigen::Map<const nn::Matrix>(sparse_gradients.data(), sparse_gradients.size(), 1),
              Eigen::Map<const nn::Matrix>(dense_gradients.data(), dense_gradients.size(), 1));
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
  network.dense(0).bias().setLinSpaced(-0.5f, 0.5f);
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

// The kernel's paths: fewer rows than one SIMD register (scalar), whole blocks of 8 registers,
// and a block plus a partial one whose last register overlaps the one before. Every row count
// from 1 to 3 blocks plus a remainder, against the plain sum.
TEST_CASE("the sparse kernel's tail paths give the plain sums", "[sparse][kernel]") {
  const int lanes = nn::simd_lanes();
  const int block = 8 * lanes;  // 64 natively with AVX, 32 in wasm
  nn::Random random(4);
  for (int rows = 1; rows <= 3 * block + lanes + 3; ++rows) {
    const int stride = rows + 5, columns = 9, count = 6;
    std::vector<float> source(static_cast<size_t>(stride) * columns), init(rows), out(rows);
    for (float& v : source)
      v = random.uniform(-1, 1);
    for (float& v : init)
      v = random.uniform(-1, 1);
    const std::vector<int32_t> picked{0, 3, 4, 8, 3, 1};  // a column may repeat
    const std::vector<float> coefficients{0.5f, -1.0f, 2.0f, 0.25f, 1.5f, -0.75f};
    for (const bool with_init : {false, true}) {
      nn::accumulate_columns(source.data(), stride, rows, picked.data(), coefficients.data(), count,
                             with_init ? init.data() : nullptr, out.data());
      for (int r = 0; r < rows; ++r) {
        double expected = with_init ? init[r] : 0.0;
        for (int j = 0; j < count; ++j)
          expected += double(source[picked[j] * stride + r]) * coefficients[j];
        INFO("rows " << rows << ", row " << r << (with_init ? ", with init" : ""));
        CHECK_THAT(out[r], WithinAbs(expected, 1e-5));
      }
    }
  }
}

TEST_CASE("the sparse path matches the dense path for layer sizes on the kernel's tails",
          "[sparse][mnist]") {
  // Fewer units than a register, one block plus a remainder, and several blocks plus one.
  const int lanes = nn::simd_lanes();
  const int units = GENERATE_COPY(values({lanes - 3, 8 * lanes + 3, 3 * 8 * lanes + lanes + 1}));
  INFO(units << " hidden units");
  std::vector<uint32_t> indices(40);
  for (uint32_t i = 0; i < indices.size(); ++i)
    indices[i] = i * 233 % 10000;
  nn::Network network =
      mnist_network({units}, nn::Activation::Relu, nn::Activation::Softmax, nn::Loss::CrossEntropy);
  network.dense(0).bias().setLinSpaced(-0.2f, 0.3f);
  check_sparse_matches_dense(network, indices, data::view(test_support::mnist_test_file()));
}
