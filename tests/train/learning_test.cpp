#include <catch2/catch.hpp>

#include "nn/init.h"
#include "support/mnist_fixture.h"
#include "support/trained_network.h"
#include "train/evaluation.h"

// A short run on real data must reach an accuracy that an untrained or broken network cannot.
// Measured (native release build and the sanitizer build alike): the mlp preset, trained one epoch
// on the first 5,000 training images, scores 90.0% on the 9,000 validation images (88.8% on
// the 10,000 test images); the same network untrained scores 9.9%. The bound leaves 5 points of
// margin below the measurement and sits far above chance (10%).
TEST_CASE("one epoch on 5,000 MNIST images reaches 85% validation accuracy", "[learning][mnist]") {
  train::TrainConfig config = train::preset_config("mlp");
  config.epochs = 1;
  const data::DatasetView validation =
      data::split_train_validation(test_support::mnist_training_file()).validation;
  REQUIRE(validation.count == 9000);

  nn::Network untrained(train::architecture_of(config, nn::Shape{1, 28, 28}, 10));
  nn::initialize(untrained, config.init, config.seed);
  const double before = train::evaluate(untrained, validation).accuracy();
  CHECK(before < 0.2);

  nn::Network trained = test_support::train_on_mnist(config, 5000);
  const double after = train::evaluate(trained, validation).accuracy();
  INFO("validation accuracy " << before << " untrained, " << after << " after one epoch");
  CHECK(after >= 0.85);
}
