#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "train/config.h"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

constexpr int kTrainingSamples = 51000;

// Runs validate() on the mlp preset with one change; returns the refusal, or an empty one.
template <typename Change>
train::ConfigError refusal(Change change, int training_samples = kTrainingSamples) {
  train::TrainConfig config = train::preset_config("mlp");
  change(config);
  try {
    train::validate(config, training_samples);
  } catch (const train::ConfigError& error) {
    return error;
  }
  FAIL("the configuration was accepted");
  return train::ConfigError("");
}

// The refusal names the setting in words and in its key, and states the allowed range.
void check_refusal(const train::ConfigError& error,
                   const std::string& key,
                   const std::string& words,
                   const std::string& range) {
  INFO(error.what());
  CHECK(error.setting() == key);
  CHECK_THAT(error.what(), Contains(words) && Contains(range));
}

}  // namespace

TEST_CASE("the seed preset is the tutorial's 784-30-10 sigmoid network", "[config]") {
  const train::TrainConfig c = train::preset_config("seed");
  CHECK(c.preset == "seed");
  CHECK(train::architecture_of(c, nn::Shape{1, 28, 28}, 10).sizes() ==
        std::vector<int>{784, 30, 10});
  CHECK(c.activation == nn::Activation::Sigmoid);
  CHECK(c.output == nn::Activation::Sigmoid);
  CHECK(c.loss == nn::Loss::MeanSquaredError);
  CHECK(c.optimizer == nn::OptimizerKind::Sgd);
  CHECK(c.learning_rate == 3.0f);
  CHECK(c.batch_size == 10);
  CHECK(c.init == nn::Init::Uniform);
  CHECK(c.schedule == train::Schedule::Constant);
  CHECK(c.weight_decay == 0.0f);
}

TEST_CASE("the seed-ce preset is the same network with softmax, cross-entropy and lr 0.5",
          "[config]") {
  const train::TrainConfig seed = train::preset_config("seed");
  const train::TrainConfig c = train::preset_config("seed-ce");
  CHECK(c.hidden == seed.hidden);
  CHECK(c.activation == nn::Activation::Sigmoid);
  CHECK(c.output == nn::Activation::Softmax);
  CHECK(c.loss == nn::Loss::CrossEntropy);
  CHECK(c.learning_rate == 0.5f);
  CHECK(c.optimizer == seed.optimizer);
  CHECK(c.batch_size == seed.batch_size);
  CHECK(c.init == seed.init);
}

TEST_CASE("the mlp preset is 784-128-10 relu with softmax cross-entropy and batch 64", "[config]") {
  const train::TrainConfig c = train::preset_config("mlp");
  CHECK(train::architecture_of(c, nn::Shape{1, 28, 28}, 10).sizes() ==
        std::vector<int>{784, 128, 10});
  CHECK(c.activation == nn::Activation::Relu);
  CHECK(c.output == nn::Activation::Softmax);
  CHECK(c.loss == nn::Loss::CrossEntropy);
  CHECK(c.batch_size == 64);
  CHECK((c.optimizer == nn::OptimizerKind::Adam || c.optimizer == nn::OptimizerKind::Momentum));
  CHECK(c.init == nn::Init::He);
}

TEST_CASE("every named preset is valid for MNIST", "[config]") {
  REQUIRE(train::preset_names() == std::vector<std::string>{"seed", "seed-ce", "mlp", "cnn"});
  for (const std::string& name : train::preset_names()) {
    INFO(name);
    const train::TrainConfig c = train::preset_config(name);
    CHECK(c.preset == name);
    CHECK_NOTHROW(train::validate(c, kTrainingSamples));
    CHECK(c.epochs >= 1);
  }
}

TEST_CASE("an unknown preset is refused, naming the presets", "[config]") {
  try {
    train::preset_config("huge");
    FAIL("accepted");
  } catch (const train::ConfigError& error) {
    CHECK(error.setting() == "preset");
    CHECK_THAT(error.what(), Contains("huge") && Contains("seed-ce"));
  }
}

TEST_CASE("a learning rate of 0 or less, NaN or above 100 is refused", "[config]") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  for (float lr : {0.0f, -0.1f, nan, 100.5f, 1e6f, inf}) {
    INFO("learning rate " << lr);
    check_refusal(refusal([&](train::TrainConfig& c) { c.learning_rate = lr; }), "learning_rate",
                  "learning rate", "100");
  }
  train::TrainConfig ok = train::preset_config("seed");
  ok.learning_rate = 100.0f;
  CHECK_NOTHROW(train::validate(ok, kTrainingSamples));
  ok.learning_rate = 1e-6f;
  CHECK_NOTHROW(train::validate(ok, kTrainingSamples));
}

TEST_CASE("a batch size of 0 or larger than the training set is refused", "[config]") {
  check_refusal(refusal([](train::TrainConfig& c) { c.batch_size = 0; }), "batch_size",
                "batch size", "51000");
  check_refusal(refusal([](train::TrainConfig& c) { c.batch_size = -3; }), "batch_size",
                "batch size", "1 to");
  check_refusal(refusal([](train::TrainConfig& c) { c.batch_size = 501; }, 500), "batch_size",
                "batch size", "500");
  train::TrainConfig ok = train::preset_config("mlp");
  ok.batch_size = 500;
  CHECK_NOTHROW(train::validate(ok, 500));
  // The absolute cap holds even for a huge training set.
  check_refusal(
      refusal([](train::TrainConfig& c) { c.batch_size = train::kMaxBatchSize + 1; }, 10'000'000),
      "batch_size", "batch size", std::to_string(train::kMaxBatchSize));
}

TEST_CASE("0 epochs or more than 1000 are refused", "[config]") {
  check_refusal(refusal([](train::TrainConfig& c) { c.epochs = 0; }), "epochs", "epochs", "1000");
  check_refusal(refusal([](train::TrainConfig& c) { c.epochs = 1001; }), "epochs", "epochs",
                "1001");
  train::TrainConfig ok = train::preset_config("mlp");
  ok.epochs = 1000;
  CHECK_NOTHROW(train::validate(ok, kTrainingSamples));
}

TEST_CASE("hidden layers of size 0 or above 4096, or too many, are refused", "[config]") {
  check_refusal(refusal([](train::TrainConfig& c) { c.hidden = {0}; }), "hidden",
                "hidden layer size", "4096");
  check_refusal(refusal([](train::TrainConfig& c) {
                  c.hidden = {128, 4097};
                }),
                "hidden", "hidden layer size", "4097");
  check_refusal(refusal([](train::TrainConfig& c) { c.hidden = std::vector<int>(8, 16); }),
                "hidden", "hidden layers", "7");
  train::TrainConfig ok = train::preset_config("mlp");
  ok.hidden = std::vector<int>(7, 16);
  CHECK_NOTHROW(train::validate(ok, kTrainingSamples));
  ok.hidden = {};
  CHECK_NOTHROW(train::validate(ok, kTrainingSamples));
}

TEST_CASE("momentum of 1 or more, or negative, is refused", "[config]") {
  for (float momentum : {1.0f, 1.5f, -0.1f, std::numeric_limits<float>::quiet_NaN()}) {
    INFO("momentum " << momentum);
    check_refusal(refusal([&](train::TrainConfig& c) { c.momentum = momentum; }), "momentum",
                  "momentum", "below 1");
  }
}

TEST_CASE("negative weight decay is refused", "[config]") {
  check_refusal(refusal([](train::TrainConfig& c) { c.weight_decay = -0.01f; }), "weight_decay",
                "weight decay", "at least 0");
}

TEST_CASE("softmax as a hidden activation, or relu as the output, is refused", "[config]") {
  check_refusal(refusal([](train::TrainConfig& c) { c.activation = nn::Activation::Softmax; }),
                "activation", "activation", "sigmoid, relu or tanh");
  check_refusal(refusal([](train::TrainConfig& c) { c.output = nn::Activation::Relu; }), "output",
                "output", "sigmoid or softmax");
}

TEST_CASE("an architecture too large in total is refused as a hidden-layer problem", "[config]") {
  train::TrainConfig c = train::preset_config("mlp");
  c.hidden = {4096, 4096};
  CHECK_THROWS_AS(train::architecture_of(c, nn::Shape{1, 28, 28}, 10), train::ConfigError);
  try {
    train::architecture_of(c, nn::Shape{1, 28, 28}, 10);
  } catch (const train::ConfigError& error) {
    CHECK(error.setting() == "hidden");
    CHECK_THAT(error.what(), Contains("parameters"));
  }
}

TEST_CASE("unknown names for activation, loss, optimizer, init and schedule are refused",
          "[config]") {
  CHECK_THROWS_AS(nn::parse_activation("swish"), std::invalid_argument);
  CHECK_THROWS_AS(nn::parse_loss("hinge"), std::invalid_argument);
  CHECK_THROWS_AS(nn::parse_optimizer("adagrad"), std::invalid_argument);
  CHECK_THROWS_AS(nn::parse_init("zeros"), std::invalid_argument);
  CHECK(train::parse_schedule("cosine") == train::Schedule::Cosine);
  CHECK(train::parse_schedule("constant") == train::Schedule::Constant);
  try {
    train::parse_schedule("step");
    FAIL("accepted");
  } catch (const train::ConfigError& error) {
    CHECK(error.setting() == "schedule");
    CHECK_THAT(error.what(), Contains("step"));
  }
}

TEST_CASE("cosine decay starts at the base rate, halves midway and ends near 0", "[config]") {
  train::TrainConfig c = train::preset_config("mlp");
  c.learning_rate = 0.002f;
  c.schedule = train::Schedule::Cosine;
  const long long total = 1000;
  CHECK_THAT(train::scheduled_learning_rate(c, 0, total), WithinRel(0.002, 1e-6));
  CHECK_THAT(train::scheduled_learning_rate(c, total / 2, total), WithinRel(0.001, 1e-5));
  CHECK_THAT(train::scheduled_learning_rate(c, total / 4, total),
             WithinRel(0.001 * (1 + std::cos(3.14159265358979 / 4)), 1e-5));
  CHECK_THAT(train::scheduled_learning_rate(c, total, total), WithinAbs(0.0, 1e-9));
  CHECK_THAT(train::scheduled_learning_rate(c, total - 1, total), WithinAbs(0.0, 1e-7));
  float previous = 1.0f;
  for (long long step = 0; step <= total; step += 50) {
    const float lr = train::scheduled_learning_rate(c, step, total);
    CHECK(lr <= previous);
    CHECK(lr >= 0.0f);
    previous = lr;
  }
}

TEST_CASE("a constant schedule keeps the base rate", "[config]") {
  train::TrainConfig c = train::preset_config("seed");
  for (long long step : {0LL, 1LL, 500LL, 999LL, 1000LL}) {
    CHECK(train::scheduled_learning_rate(c, step, 1000) == 3.0f);
  }
}

TEST_CASE("describe names the preset and its settings", "[config]") {
  const std::string text = train::describe(train::preset_config("seed"));
  CHECK_THAT(text, Contains("seed") && Contains("30") && Contains("sgd") && Contains("lr 3") &&
                       Contains("batch 10"));
}
