#include <catch2/catch.hpp>

#include <stdexcept>

#include "nn/init.h"
#include "nn/snapshot.h"
#include "support/networks.h"

TEST_CASE("a snapshot restores every parameter it saved", "[snapshot]") {
  nn::Architecture arch;
  arch.input = {1, 6, 6};
  arch.layers = {nn::LayerSpec::conv2d(3, 2, nn::Activation::Relu, nn::Padding::Valid),
                 nn::LayerSpec::max_pool(), nn::LayerSpec::flatten(),
                 nn::LayerSpec::dense(3, nn::Activation::Softmax)};
  arch.loss = nn::Loss::CrossEntropy;
  nn::Network network(arch), saved_copy(arch);
  nn::initialize(network, nn::Init::He, 1);
  saved_copy.copy_parameters_from(network);
  nn::ParameterSnapshot snapshot;
  snapshot.save(network);
  nn::initialize(network, nn::Init::He, 2);
  REQUIRE_FALSE(test_support::same_parameters(network, saved_copy));
  snapshot.restore(network);
  CHECK(test_support::same_parameters(network, saved_copy));
}

TEST_CASE("a snapshot refuses a network of another size", "[snapshot]") {
  nn::Network small(test_support::architecture({3, 2}, nn::Activation::Relu,
                                               nn::Activation::Softmax, nn::Loss::CrossEntropy));
  nn::Network large(test_support::architecture({3, 4, 2}, nn::Activation::Relu,
                                               nn::Activation::Softmax, nn::Loss::CrossEntropy));
  nn::ParameterSnapshot snapshot;
  snapshot.save(small);
  CHECK_THROWS_AS(snapshot.restore(large), std::logic_error);
}
