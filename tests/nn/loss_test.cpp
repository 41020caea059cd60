#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "nn/activation.h"
#include "nn/loss.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// The output activations of `logits` (classes x n).
nn::Matrix activated(nn::Activation activation, const nn::Matrix& logits) {
  nn::Matrix outputs = logits;
  nn::activate(activation, outputs);
  return outputs;
}

}  // namespace

TEST_CASE("softmax cross-entropy is finite for logits of 1000", "[loss]") {
  // Column 0: the label's logit is -1000 while another is +1000. Column 1: two large logits.
  nn::Matrix logits(3, 2);
  logits << 1000.0f, -1000.0f,  //
      -1000.0f, 1000.0f,        //
      0.0f, 999.0f;
  const nn::Matrix outputs = activated(nn::Activation::Softmax, logits);
  const uint8_t labels[] = {1, 2};
  nn::Matrix delta(3, 2);
  const float loss = nn::loss_and_delta(nn::Loss::CrossEntropy, nn::Activation::Softmax, logits,
                                        outputs, labels, delta);

  REQUIRE(std::isfinite(loss));
  REQUIRE(delta.allFinite());
  // -log a_y = log sum e^z - z_y: column 0 gives 1000 - (-1000), column 1 gives
  // 1000 + log(1 + e^-1) - 999.
  const double column0 = 2000.0;
  const double column1 = 1.0 + std::log1p(std::exp(-1.0));
  CHECK_THAT(loss, WithinRel((column0 + column1) / 2.0, 1e-5));

  // dC/dz = (a - y) / n.
  const double p = 1.0 / (1.0 + std::exp(-1.0));  // softmax of (1000, 999) for the larger
  CHECK_THAT(delta(0, 0), WithinAbs(0.5, 1e-6));
  CHECK_THAT(delta(1, 0), WithinAbs(-0.5, 1e-6));
  CHECK_THAT(delta(2, 0), WithinAbs(0.0, 1e-6));
  CHECK_THAT(delta(0, 1), WithinAbs(0.0, 1e-6));
  CHECK_THAT(delta(1, 1), WithinAbs(p / 2.0, 1e-6));
  CHECK_THAT(delta(2, 1), WithinAbs((1.0 - p - 1.0) / 2.0, 1e-6));
}

TEST_CASE("softmax cross-entropy is finite for logits of -1000", "[loss]") {
  nn::Matrix logits = nn::Matrix::Constant(4, 1, -1000.0f);
  const nn::Matrix outputs = activated(nn::Activation::Softmax, logits);
  const uint8_t labels[] = {2};
  nn::Matrix delta(4, 1);
  const float loss = nn::loss_and_delta(nn::Loss::CrossEntropy, nn::Activation::Softmax, logits,
                                        outputs, labels, delta);
  CHECK_THAT(loss, WithinRel(std::log(4.0), 1e-5));  // equal logits: uniform over 4 classes
  CHECK_THAT(delta(2, 0), WithinAbs(0.25 - 1.0, 1e-6));
  CHECK_THAT(delta(0, 0), WithinAbs(0.25, 1e-6));
}

TEST_CASE("sigmoid cross-entropy is finite for logits of +-1000", "[loss]") {
  nn::Matrix logits(2, 1);
  logits << 1000.0f, -1000.0f;
  const nn::Matrix outputs = activated(nn::Activation::Sigmoid, logits);
  const uint8_t labels[] = {1};
  nn::Matrix delta(2, 1);
  const float loss = nn::loss_and_delta(nn::Loss::CrossEntropy, nn::Activation::Sigmoid, logits,
                                        outputs, labels, delta);
  // Unit 0 (y = 0, a = 1): -log(1 - s(1000)) = 1000. Unit 1 (y = 1, a = 0): -log s(-1000) = 1000.
  CHECK_THAT(loss, WithinRel(2000.0, 1e-6));
  CHECK_THAT(delta(0, 0), WithinAbs(1.0, 1e-6));
  CHECK_THAT(delta(1, 0), WithinAbs(-1.0, 1e-6));
}

TEST_CASE("sigmoid cross-entropy of zero logits is 2 log 2 for two classes", "[loss]") {
  nn::Matrix logits = nn::Matrix::Zero(2, 1);
  const nn::Matrix outputs = activated(nn::Activation::Sigmoid, logits);
  const uint8_t labels[] = {0};
  nn::Matrix delta(2, 1);
  const float loss = nn::loss_and_delta(nn::Loss::CrossEntropy, nn::Activation::Sigmoid, logits,
                                        outputs, labels, delta);
  CHECK_THAT(loss, WithinRel(2.0 * std::log(2.0), 1e-6));
  CHECK_THAT(delta(0, 0), WithinAbs(-0.5, 1e-7));
  CHECK_THAT(delta(1, 0), WithinAbs(0.5, 1e-7));
}

TEST_CASE("mean squared error is the tutorial's 1/(2n) sum (y - a)^2", "[loss]") {
  nn::Matrix outputs(2, 2);
  outputs << 0.8f, 0.4f,  //
      0.3f, 0.6f;
  const nn::Matrix logits = nn::Matrix::Zero(2, 2);  // MSE reads only the outputs
  const uint8_t labels[] = {0, 1};
  nn::Matrix delta(2, 2);
  const float loss = nn::loss_and_delta(nn::Loss::MeanSquaredError, nn::Activation::Sigmoid, logits,
                                        outputs, labels, delta);
  // (0.2^2 + 0.3^2 + 0.4^2 + 0.4^2) / (2 * 2)
  CHECK_THAT(loss, WithinRel((0.04 + 0.09 + 0.16 + 0.16) / 4.0, 1e-6));
  // dC/dz = (a - y) a (1 - a) / n for a sigmoid output.
  CHECK_THAT(delta(0, 0), WithinRel(-0.2 * 0.8 * 0.2 / 2.0, 1e-5));
  CHECK_THAT(delta(1, 0), WithinRel(0.3 * 0.3 * 0.7 / 2.0, 1e-5));
  CHECK_THAT(delta(0, 1), WithinRel(0.4 * 0.4 * 0.6 / 2.0, 1e-5));
  CHECK_THAT(delta(1, 1), WithinRel(-0.4 * 0.6 * 0.4 / 2.0, 1e-5));
}

TEST_CASE("loss_sum adds the samples' losses instead of averaging them", "[loss]") {
  nn::Matrix logits(3, 2);
  logits << 0.5f, 0.5f,  //
      -1.0f, -1.0f,      //
      2.0f, 2.0f;
  const nn::Matrix outputs = activated(nn::Activation::Softmax, logits);
  const uint8_t labels[] = {1, 1};
  nn::Matrix delta(3, 2);
  const float mean = nn::loss_and_delta(nn::Loss::CrossEntropy, nn::Activation::Softmax, logits,
                                        outputs, labels, delta);
  const double sum =
      nn::loss_sum(nn::Loss::CrossEntropy, nn::Activation::Softmax, logits, outputs, labels);
  const double expected = std::log(std::exp(0.5) + std::exp(-1.0) + std::exp(2.0)) + 1.0;
  CHECK_THAT(sum, WithinRel(2.0 * expected, 1e-5));
  CHECK_THAT(mean, WithinRel(expected, 1e-5));
}

TEST_CASE("loss names parse, with ce as a short name for cross-entropy", "[loss]") {
  CHECK(nn::parse_loss("mse") == nn::Loss::MeanSquaredError);
  CHECK(nn::parse_loss("cross-entropy") == nn::Loss::CrossEntropy);
  CHECK(nn::parse_loss("ce") == nn::Loss::CrossEntropy);
  CHECK(nn::parse_loss(nn::loss_name(nn::Loss::CrossEntropy)) == nn::Loss::CrossEntropy);
  CHECK_THROWS_WITH(nn::parse_loss("hinge"), Catch::Matchers::Contains("hinge"));
}
