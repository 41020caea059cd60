#include <catch2/catch.hpp>

#include "nn/activation.h"

using Catch::Matchers::WithinAbs;

TEST_CASE("sigmoid maps 0 to one half and saturates without overflow", "[activation]") {
  nn::Matrix z(3, 1);
  z << 0.0f, 1000.0f, -1000.0f;
  nn::activate(nn::Activation::Sigmoid, z);
  CHECK_THAT(z(0, 0), WithinAbs(0.5, 1e-7));
  CHECK_THAT(z(1, 0), WithinAbs(1.0, 1e-7));
  CHECK_THAT(z(2, 0), WithinAbs(0.0, 1e-7));
}
