#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "support/mnist_fixture.h"
#include "train/evaluation.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// 784-10 softmax with zero weights and one bias of 1: it answers `digit` for every image.
nn::Network always_answers(int digit) {
  const nn::Architecture a = nn::Architecture::mlp({784, 10}, nn::Activation::Sigmoid,
                                                   nn::Activation::Softmax, nn::Loss::CrossEntropy);
  nn::Network network(a);
  network.dense(0).bias()[digit] = 1.0f;
  return network;
}

// Per-class counts of the MNIST test set, as published.
constexpr std::array<int, 10> kTestCounts{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

}  // namespace

TEST_CASE("argmax picks the largest output, and the lower class on a tie", "[evaluation]") {
  nn::Vector v(4);
  v << 0.1f, 0.7f, 0.2f, 0.7f;
  CHECK(train::argmax(v) == 1);
  v << 0.1f, 0.2f, 0.3f, 0.4f;
  CHECK(train::argmax(v) == 3);
}

TEST_CASE("a network that always answers 3 scores the share of threes, with its confusion matrix",
          "[evaluation][mnist]") {
  nn::Network network = always_answers(3);
  const train::Evaluation e =
      train::evaluate(network, data::view(test_support::mnist_test_file()), true);
  CHECK(e.count == 10000);
  CHECK(e.correct == 1010);
  CHECK_THAT(e.accuracy(), WithinAbs(0.101, 1e-12));
  CHECK(std::accumulate(e.confusion.begin(), e.confusion.end(), 0) == 10000);
  for (int label = 0; label < 10; ++label) {
    CHECK(e.confusion_at(label, 3) == kTestCounts[label]);
    CHECK(e.confusion_at(label, 0) == 0);
  }
  // Every sample's output is softmax(0, ..., 1, ..., 0): e / (e + 9) for class 3, 1 / (e + 9)
  // for the others; the loss is -log of the true class's output.
  const double e1 = std::exp(1.0);
  const double expected_loss =
      (1010 * -std::log(e1 / (e1 + 9)) + 8990 * -std::log(1 / (e1 + 9))) / 10000;
  CHECK_THAT(e.mean_loss(), WithinRel(expected_loss, 1e-5));
  REQUIRE(e.mistakes.size() == 8990);
  for (const train::Mistake& m : e.mistakes) {
    REQUIRE(m.predicted == 3);
    REQUIRE(m.label != 3);
    REQUIRE(m.label == test_support::mnist_test_file().labels[m.index]);
  }
  CHECK_THAT(e.mistakes.front().confidence, WithinRel(e1 / (e1 + 9), 1e-5));
}

TEST_CASE("mistakes are kept only when asked for", "[evaluation][mnist]") {
  nn::Network network = always_answers(1);
  const train::Evaluation e =
      train::evaluate(network, data::view(test_support::mnist_test_file(), 0, 1000));
  CHECK(e.count == 1000);
  CHECK(e.mistakes.empty());
  CHECK(e.correct < 1000);
}

TEST_CASE("the evaluator advances a chunk at a time to the same result", "[evaluation][mnist]") {
  nn::Network network = always_answers(7);
  const data::DatasetView range = data::view(test_support::mnist_test_file(), 0, 1234);
  train::Evaluator evaluator;
  evaluator.begin(range, 10, false);
  CHECK_FALSE(evaluator.done());
  CHECK_FALSE(evaluator.advance(network, 1));  // at least one chunk
  CHECK(evaluator.evaluated() == train::Evaluator::kChunk);
  int calls = 1;
  while (!evaluator.advance(network, 1))
    ++calls;
  CHECK(calls == 2);  // 500 + 500 + 234
  CHECK(evaluator.evaluated() == 1234);

  const train::Evaluation whole = train::evaluate(network, range);
  CHECK(evaluator.result().count == whole.count);
  CHECK(evaluator.result().correct == whole.correct);
  CHECK(evaluator.result().confusion == whole.confusion);
  CHECK_THAT(evaluator.result().loss_sum, WithinRel(whole.loss_sum, 1e-9));
}

TEST_CASE("an evaluator refuses a network with fewer outputs than the data has classes",
          "[evaluation][mnist]") {
  train::Evaluator evaluator;
  CHECK_THROWS_AS(evaluator.begin(data::view(test_support::mnist_test_file()), 5, false),
                  std::invalid_argument);
}
