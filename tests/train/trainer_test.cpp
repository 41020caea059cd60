#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "nn/init.h"
#include "support/mnist_fixture.h"
#include "support/networks.h"
#include "support/trained_network.h"
#include "train/trainer.h"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using test_support::same_parameters;

namespace {

train::TrainConfig small_config(uint32_t seed) {
  train::TrainConfig c = train::preset_config("mlp");
  c.hidden = {32};
  c.batch_size = 32;
  c.epochs = 1;
  c.seed = seed;
  return c;
}

nn::Network make_network(const train::TrainConfig& config, uint64_t init_seed) {
  nn::Network network(train::architecture_of(config, nn::Shape{1, 28, 28}, 10));
  nn::initialize(network, config.init, init_seed);
  return network;
}

data::DatasetView mnist_subset(int samples) {
  return data::view(test_support::mnist_training_file(), 0, samples);
}

void train_epoch(train::Trainer& trainer) {
  const train::SliceResult result = trainer.train_batches(trainer.batches_per_epoch());
  REQUIRE_FALSE(result.diverged);
  REQUIRE(trainer.epoch_complete());
}

// n one-hot images of n pixels (image j lights pixel j only) with labels alternating 0, 1.
struct OneHotData {
  int n;
  std::vector<uint8_t> images, labels;
  explicit OneHotData(int count) : n(count), images(size_t(count) * count, 0), labels(count) {
    for (int j = 0; j < n; ++j) {
      images[size_t(j) * n + j] = 255;
      labels[j] = static_cast<uint8_t>(j % 2);
    }
  }
  data::DatasetView view() const { return {images.data(), labels.data(), n, n, 2}; }
};

}  // namespace

TEST_CASE("the same seed gives bit-identical weights after an epoch", "[trainer][mnist]") {
  const train::TrainConfig config = small_config(11);
  nn::Network a = make_network(config, 11), b = make_network(config, 11);
  train::Trainer ta(a, mnist_subset(2000), config), tb(b, mnist_subset(2000), config);
  train_epoch(ta);
  train_epoch(tb);
  CHECK(same_parameters(a, b));
  CHECK(ta.slice_losses() == tb.slice_losses());
  // And training changed them: the check is not comparing two untouched networks.
  CHECK_FALSE(same_parameters(a, make_network(config, 11)));
}

TEST_CASE("different seeds give different weights after an epoch", "[trainer][mnist]") {
  const train::TrainConfig one = small_config(1), two = small_config(2);
  // Same initial weights, different shuffles: only the sample order differs.
  nn::Network a = make_network(one, 5), b = make_network(two, 5);
  train::Trainer ta(a, mnist_subset(2000), one), tb(b, mnist_subset(2000), two);
  train_epoch(ta);
  train_epoch(tb);
  CHECK_FALSE(same_parameters(a, b));
  CHECK(ta.slice_losses() != tb.slice_losses());
}

TEST_CASE("an epoch is ceil(n / batch) batches, the last one taking the remainder", "[trainer]") {
  const OneHotData data(103);
  train::TrainConfig config = small_config(1);
  config.hidden = {};
  nn::Architecture arch = train::architecture_of(config, nn::Shape{103, 1, 1}, 2);
  for (auto [batch, expected] : {std::pair{10, 11}, {103, 1}, {1, 103}, {50, 3}, {34, 4}}) {
    config.batch_size = batch;
    nn::Network network(arch);
    train::Trainer trainer(network, data.view(), config);
    CHECK(trainer.batches_per_epoch() == expected);
  }
}

namespace {

// Image j lights only pixel j, so only its own samples change column j of the weights, by
// lr |a - y| / (samples in its batch). Starting from zero weights with a tiny learning rate,
// a stays within 1% of 0.5: a column changed by lr 0.5 / 10 was visited once in a batch of 10,
// twice that means visited twice, zero means never.
struct OneHotProbe {
  static constexpr float kLearningRate = 1e-3f;
  OneHotData data{103};
  train::TrainConfig config;
  nn::Network network;

  OneHotProbe()
      : config(probe_config()), network(train::architecture_of(config, nn::Shape{103, 1, 1}, 2)) {}

  static train::TrainConfig probe_config() {
    train::TrainConfig c = small_config(3);
    c.hidden = {};
    c.optimizer = nn::OptimizerKind::Sgd;
    c.schedule = train::Schedule::Constant;
    c.learning_rate = kLearningRate;
    c.batch_size = 10;
    c.epochs = 2;
    return c;
  }

  // How much of a whole sample's update each column received since `before`: 1/10 for a sample
  // in a batch of 10, 1/3 in the last batch of 3.
  std::vector<double> shares(const nn::Matrix& before) const {
    std::vector<double> result(data.n);
    for (int j = 0; j < data.n; ++j) {
      const double change = network.dense(0).weights()(0, j) - before(0, j);
      result[j] = std::abs(change) / (kLearningRate * 0.5);
    }
    return result;
  }
};

// The samples of the short last batch: the tail of the epoch's order.
std::vector<int> last_batch(const std::vector<double>& shares) {
  std::vector<int> samples;
  for (size_t j = 0; j < shares.size(); ++j) {
    if (shares[j] > 0.2)
      samples.push_back(static_cast<int>(j));
  }
  return samples;
}

}  // namespace

TEST_CASE("every sample is visited exactly once per epoch", "[trainer]") {
  OneHotProbe probe;  // zero weights
  const nn::Matrix start = probe.network.dense(0).weights();
  train::Trainer trainer(probe.network, probe.data.view(), probe.config);
  train_epoch(trainer);
  CHECK(trainer.slice_losses().size() == 11);

  int in_full_batches = 0, in_last_batch = 0;
  const std::vector<double> shares = probe.shares(start);
  for (int j = 0; j < probe.data.n; ++j) {
    INFO("sample " << j);
    if (std::abs(shares[j] - 1.0 / 10) < 0.005) {
      ++in_full_batches;
    } else {
      CHECK_THAT(shares[j], WithinAbs(1.0 / 3, 0.01));  // the last batch holds the 3 left over
      ++in_last_batch;
    }
  }
  CHECK(in_full_batches == 100);
  CHECK(in_last_batch == 3);
}

TEST_CASE("each epoch visits the samples in a new order", "[trainer]") {
  OneHotProbe probe;
  train::Trainer trainer(probe.network, probe.data.view(), probe.config);
  const nn::Matrix start = probe.network.dense(0).weights();
  train_epoch(trainer);
  const std::vector<int> first_tail = last_batch(probe.shares(start));
  const nn::Matrix after_first = probe.network.dense(0).weights();
  trainer.next_epoch();
  train_epoch(trainer);
  const std::vector<int> second_tail = last_batch(probe.shares(after_first));
  REQUIRE(first_tail.size() == 3);
  REQUIRE(second_tail.size() == 3);
  // The same 3 samples last again has probability 1 / C(103, 3), about 1 in 176,000.
  CHECK(first_tail != second_tail);
}

TEST_CASE("train_batches stops at its limit and at the end of the epoch", "[trainer][mnist]") {
  train::TrainConfig config = small_config(4);
  config.epochs = 2;
  nn::Network network = make_network(config, 4);
  train::Trainer trainer(network, mnist_subset(1000), config);
  REQUIRE(trainer.batches_per_epoch() == 32);  // ceil(1000 / 32)

  CHECK(trainer.train_batches(5).batches == 5);
  CHECK(trainer.slice_losses().size() == 5);
  CHECK(trainer.batch() == 5);
  CHECK(trainer.train_batches(100).batches == 27);
  CHECK(trainer.epoch_complete());
  CHECK(trainer.train_batches(10).batches == 0);  // nothing until next_epoch()
  CHECK(trainer.epoch() == 0);

  trainer.next_epoch();
  CHECK(trainer.epoch() == 1);
  CHECK(trainer.batch() == 0);
  CHECK_FALSE(trainer.finished());
  trainer.train_batches(1000);
  const double mean =
      std::accumulate(trainer.slice_losses().begin(), trainer.slice_losses().end(), 0.0) /
      trainer.slice_losses().size();
  CHECK_THAT(trainer.epoch_mean_loss(), WithinRel(mean, 1e-6));
  trainer.next_epoch();
  CHECK(trainer.finished());
  CHECK(trainer.train_batches(10).batches == 0);
}

TEST_CASE("the learning rate follows the schedule over the whole run", "[trainer][mnist]") {
  train::TrainConfig config = small_config(5);
  config.schedule = train::Schedule::Cosine;
  config.learning_rate = 0.01f;
  config.epochs = 2;
  nn::Network network = make_network(config, 5);
  train::Trainer trainer(network, mnist_subset(640), config);  // 20 batches per epoch
  trainer.train_batches(1);
  CHECK_THAT(trainer.learning_rate(), WithinRel(0.01, 1e-6));  // step 0
  trainer.train_batches(1000);
  trainer.next_epoch();
  trainer.train_batches(1);  // step 20 of 40: half way
  CHECK_THAT(trainer.learning_rate(), WithinRel(0.005, 1e-5));
}

TEST_CASE("a trainer refuses a bad configuration or data of the wrong size", "[trainer][mnist]") {
  train::TrainConfig config = small_config(6);
  nn::Network network = make_network(config, 6);
  train::TrainConfig bad = config;
  bad.learning_rate = 0.0f;
  CHECK_THROWS_AS(train::Trainer(network, mnist_subset(100), bad), train::ConfigError);
  bad = config;
  bad.batch_size = 101;
  CHECK_THROWS_AS(train::Trainer(network, mnist_subset(100), bad), train::ConfigError);

  const OneHotData wrong_size(50);
  CHECK_THROWS_WITH(train::Trainer(network, wrong_size.view(), config),
                    Contains("50 pixels") && Contains("784 inputs"));
}

TEST_CASE("divergence is detected, reported and rolled back to the slice's starting weights",
          "[trainer][mnist]") {
  const train::TrainConfig config = test_support::diverging_config();
  nn::Network network = make_network(config, config.seed);
  train::Trainer trainer(network, mnist_subset(500), config);

  nn::Network before = network;
  train::SliceResult result;
  int slices = 0;
  while (slices < 100 && !trainer.epoch_complete()) {
    before = network;
    result = trainer.train_batches(1);
    ++slices;
    if (result.diverged)
      break;
  }
  REQUIRE(result.diverged);
  INFO("diverged in slice " << slices << ": " << result.message);
  CHECK_THAT(result.message, Contains("diverged") && Contains("smaller learning rate") &&
                                 Contains("epoch 1, batch " + std::to_string(slices)));
  CHECK(network.parameters_finite());
  CHECK(network.forward_pass_bounded());
  CHECK(same_parameters(network, before));
}

TEST_CASE("the weights a divergence rolls back to give finite outputs", "[trainer][mnist]") {
  // Weight decay 0.5 at learning rate 10 multiplies every weight by -4 per step: the weights stay
  // finite for a while but soon make a forward pass overflow. Whichever slice catches it, the
  // network is left with weights whose outputs are finite.
  train::TrainConfig config = train::preset_config("mlp");
  config.optimizer = nn::OptimizerKind::Sgd;
  config.schedule = train::Schedule::Constant;
  config.learning_rate = 10.0f;
  config.weight_decay = 0.5f;
  for (const int slice_batches : {1, 3, 7}) {
    nn::Network network = make_network(config, config.seed);
    train::Trainer trainer(network, mnist_subset(2000), config);
    train::SliceResult result;
    for (int i = 0; i < 200 && !result.diverged && !trainer.epoch_complete(); ++i) {
      result = trainer.train_batches(slice_batches);
    }
    INFO("slices of " << slice_batches << " batches");
    REQUIRE(result.diverged);
    CHECK(network.forward_pass_bounded());
    nn::Matrix input = nn::Matrix::Constant(784, 1, 0.5f);
    CHECK(network.forward(input).allFinite());
    CHECK_FALSE(trainer.train_batches(1).batches > 0);  // a diverged trainer trains no more
  }
}

TEST_CASE("a diverging slice of many batches rolls back to where the slice began",
          "[trainer][mnist]") {
  const train::TrainConfig config = test_support::diverging_config();
  nn::Network network = make_network(config, config.seed);
  const nn::Network start = network;
  train::Trainer trainer(network, mnist_subset(500), config);
  const train::SliceResult result = trainer.train_batches(100);
  REQUIRE(result.diverged);
  CHECK_THAT(result.message, Contains("diverged") && Contains("smaller learning rate"));
  CHECK(network.parameters_finite());
  CHECK(same_parameters(network, start));
}
