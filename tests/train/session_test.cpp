#include <catch2/catch.hpp>

#include <memory>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "nn/init.h"
#include "support/mnist_fixture.h"
#include "support/networks.h"
#include "support/trained_network.h"
#include "train/session.h"

using Catch::Matchers::Contains;
using test_support::same_parameters;

namespace {

// A session on the real MNIST files, training on the first 1,000 images only.
std::unique_ptr<train::Session> mnist_session() {
  auto session = std::make_unique<train::Session>();
  session->set_data(test_support::mnist_training_file(), test_support::mnist_test_file());
  session->limit_training(1000);
  return session;
}

// Small and quick: 784-8-10, 20 batches of 50 per epoch.
train::TrainConfig quick_config(int epochs) {
  train::TrainConfig c = train::preset_config("mlp");
  c.hidden = {8};
  c.batch_size = 50;
  c.epochs = epochs;
  return c;
}

// Steps until the run stops moving; returns the phases passed through, without repeats.
std::vector<train::Phase> run(train::Session& session, int* epochs_finished, int* finished) {
  std::vector<train::Phase> phases{session.phase()};
  for (int i = 0; i < 1000; ++i) {
    const train::StepReport report = session.step(500);
    *epochs_finished += report.epoch_finished;
    *finished += report.finished;
    if (report.phase != phases.back())
      phases.push_back(report.phase);
    if (report.phase == train::Phase::Done || report.phase == train::Phase::Diverged ||
        report.phase == train::Phase::Idle) {
      break;
    }
  }
  return phases;
}

}  // namespace

TEST_CASE("a run goes training, validating per epoch, then testing and done", "[session][mnist]") {
  auto session = mnist_session();
  CHECK(session->phase() == train::Phase::Idle);
  CHECK(session->split().train.count == 1000);
  CHECK(session->split().validation.count == 9000);
  session->start(quick_config(2));

  int epochs_finished = 0, finished = 0;
  const std::vector<train::Phase> phases = run(*session, &epochs_finished, &finished);
  using P = train::Phase;
  CHECK(phases == std::vector<P>{P::Training, P::Validating, P::Training, P::Validating, P::Testing,
                                 P::Done});
  CHECK(epochs_finished == 2);
  CHECK(finished == 1);

  const auto& history = session->history();
  REQUIRE(history.size() == 2);
  for (int i = 0; i < 2; ++i) {
    CHECK(history[i].epoch == i + 1);
    CHECK(history[i].train_loss > 0.0);
    CHECK(history[i].validation_loss > 0.0);
    CHECK(history[i].validation_accuracy > 0.2);  // 784-8-10 on 1,000 images: well above chance
    CHECK(history[i].validation_accuracy <= 1.0);
  }

  const train::Evaluation& test = session->test_result();
  CHECK(test.count == 10000);
  CHECK(std::accumulate(test.confusion.begin(), test.confusion.end(), 0) == 10000);
  int diagonal = 0;
  for (int d = 0; d < 10; ++d)
    diagonal += test.confusion_at(d, d);
  CHECK(diagonal == test.correct);
  CHECK(test.mistakes.size() == static_cast<size_t>(test.count - test.correct));
}

TEST_CASE("only the last epoch is tested unless every epoch is asked for", "[session][mnist]") {
  SECTION("by default") {
    auto session = mnist_session();
    session->start(quick_config(2));
    int epochs_finished = 0, finished = 0;
    run(*session, &epochs_finished, &finished);
    REQUIRE(session->history().size() == 2);
    CHECK_FALSE(session->history()[0].tested);
    CHECK(session->history()[1].tested);
    CHECK(session->history()[1].test_accuracy == session->test_result().accuracy());
  }
  SECTION("with set_test_every_epoch") {
    auto session = mnist_session();
    session->set_test_every_epoch(true);
    session->start(quick_config(2));
    int epochs_finished = 0, finished = 0;
    const std::vector<train::Phase> phases = run(*session, &epochs_finished, &finished);
    using P = train::Phase;
    CHECK(phases == std::vector<P>{P::Training, P::Validating, P::Testing, P::Training,
                                   P::Validating, P::Testing, P::Done});
    CHECK(epochs_finished == 2);
    CHECK(finished == 1);
    REQUIRE(session->history().size() == 2);
    for (const train::EpochSummary& epoch : session->history()) {
      CHECK(epoch.tested);
      CHECK(epoch.test_accuracy > 0.2);
      CHECK(epoch.test_loss > 0.0);
    }
    CHECK(session->history()[1].test_accuracy == session->test_result().accuracy());
  }
}

TEST_CASE("a step reports the epoch and batch in progress", "[session][mnist]") {
  auto session = mnist_session();
  session->start(quick_config(1));
  const train::StepReport report = session->step(250);  // 5 batches of 50
  CHECK(report.phase == train::Phase::Training);
  CHECK(report.epoch == 1);
  CHECK(report.batch == 5);
  CHECK(report.batches_trained == 5);
  CHECK(report.batches_per_epoch == 20);
  CHECK(session->step_losses().size() == 5);
}

TEST_CASE("use_network refuses a network of the wrong input size and keeps the current one",
          "[session][mnist]") {
  auto session = mnist_session();
  session->start(quick_config(1));
  const nn::Network current = session->network();

  const nn::Architecture wrong = nn::Architecture::mlp(
      {100, 10}, nn::Activation::Sigmoid, nn::Activation::Sigmoid, nn::Loss::MeanSquaredError);
  CHECK_THROWS_WITH(session->use_network(nn::Network(wrong)),
                    Contains("100 inputs") && Contains("784 pixels"));
  const nn::Architecture too_few_classes = nn::Architecture::mlp(
      {784, 5}, nn::Activation::Sigmoid, nn::Activation::Sigmoid, nn::Loss::MeanSquaredError);
  CHECK_THROWS_AS(session->use_network(nn::Network(too_few_classes)), std::invalid_argument);
  CHECK(same_parameters(session->network(), current));

  const nn::Architecture right = nn::Architecture::mlp(
      {784, 16, 10}, nn::Activation::Sigmoid, nn::Activation::Sigmoid, nn::Loss::MeanSquaredError);
  nn::Network replacement(right);
  nn::initialize(replacement, nn::Init::Uniform, 3);
  const nn::Network copy = replacement;
  session->use_network(std::move(replacement));
  CHECK(session->phase() == train::Phase::Idle);
  CHECK(same_parameters(session->network(), copy));
}

TEST_CASE("start with a bad configuration throws and leaves the previous network in place",
          "[session][mnist]") {
  auto session = mnist_session();
  session->start(quick_config(1));
  int epochs_finished = 0, finished = 0;
  run(*session, &epochs_finished, &finished);
  REQUIRE(session->phase() == train::Phase::Done);
  const nn::Network trained = session->network();
  const std::vector<train::EpochSummary> history = session->history();

  train::TrainConfig bad = quick_config(1);
  bad.learning_rate = 0.0f;
  CHECK_THROWS_AS(session->start(bad), train::ConfigError);
  bad = quick_config(1);
  bad.batch_size = 1001;  // larger than the 1,000 training samples
  CHECK_THROWS_AS(session->start(bad), train::ConfigError);
  bad = quick_config(1);
  bad.hidden = {5000};
  CHECK_THROWS_AS(session->start(bad), train::ConfigError);

  CHECK(session->phase() == train::Phase::Done);
  CHECK(same_parameters(session->network(), trained));
  CHECK(session->history().size() == history.size());
  CHECK(session->test_result().count == 10000);
}

TEST_CASE("a session without data refuses to start", "[session]") {
  train::Session session;
  CHECK_FALSE(session.has_data());
  CHECK_FALSE(session.has_network());
  CHECK_THROWS_AS(session.start(quick_config(1)), std::logic_error);
  CHECK_THROWS_AS(session.network(), std::logic_error);
}

TEST_CASE("training and test files of different image sizes are refused", "[session]") {
  data::IdxImages small;
  small.count = 4;
  small.rows = small.cols = 2;
  small.pixels.assign(16, 0);
  data::IdxImages other = small;
  other.rows = 1;
  other.cols = 4;
  train::Session session;
  CHECK_THROWS_WITH(session.set_data(data::make_dataset(small, {0, 1, 2, 3}),
                                     data::make_dataset(other, {0, 1, 2, 3})),
                    Contains("2 x 2") && Contains("1 x 4"));
  CHECK_FALSE(session.has_data());
}

TEST_CASE("a diverging run stops in the diverged phase with the reason", "[session][mnist]") {
  auto session = mnist_session();
  const train::TrainConfig config = test_support::diverging_config();
  session->start(config);
  int epochs_finished = 0, finished = 0;
  const std::vector<train::Phase> phases = run(*session, &epochs_finished, &finished);
  CHECK(phases.back() == train::Phase::Diverged);
  CHECK(epochs_finished == 0);
  CHECK_THAT(session->divergence(), Contains("diverged") && Contains("smaller learning rate"));
  CHECK(session->network().parameters_finite());
  // It stays stopped.
  CHECK(session->step(500).phase == train::Phase::Diverged);
}

TEST_CASE("evaluating a loaded model runs the test set once", "[session][mnist]") {
  auto session = mnist_session();
  const nn::Architecture a = nn::Architecture::mlp({784, 10}, nn::Activation::Sigmoid,
                                                   nn::Activation::Softmax, nn::Loss::CrossEntropy);
  nn::Network network(a);
  network.dense(0).bias()[1] = 1.0f;  // answers 1 for everything
  session->use_network(std::move(network));
  session->evaluate_current();
  CHECK(session->phase() == train::Phase::Testing);
  int epochs_finished = 0, finished = 0;
  run(*session, &epochs_finished, &finished);
  CHECK(session->phase() == train::Phase::Done);
  CHECK(finished == 1);
  CHECK(session->test_result().count == 10000);
  CHECK(session->test_result().correct == 1135);  // the test set's ones
}
