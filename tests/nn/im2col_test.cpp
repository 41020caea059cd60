#include <catch2/catch.hpp>

#include <vector>

#include "nn/im2col.h"
#include "nn/random.h"

using Catch::Matchers::WithinRel;

TEST_CASE("unrolled patches hold each output pixel's window, zero over the padding", "[im2col]") {
  // One 1x3x3 sample, a 3x3 kernel with one pixel of padding: 9 windows of 9 values.
  nn::ConvGeometry g;
  g.in = {1, 3, 3};
  g.out = {1, 3, 3};
  g.kernel = 3;
  g.pad = 1;
  const std::vector<float> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<float> patches(9 * 9, -1.0f);
  nn::unroll_patches(g, x.data(), 9, 1, patches.data());
  // Row p (output pixel), column (ky, kx): column-major, so element (p, j) is at j * 9 + p.
  auto at = [&](int p, int ky, int kx) { return patches[(ky * 3 + kx) * 9 + p]; };
  CHECK(at(4, 0, 0) == 1);  // the centre pixel's window is the whole image
  CHECK(at(4, 1, 1) == 5);
  CHECK(at(4, 2, 2) == 9);
  CHECK(at(0, 0, 0) == 0);  // the top-left window hangs over the padding
  CHECK(at(0, 1, 1) == 1);
  CHECK(at(0, 2, 2) == 5);
  CHECK(at(8, 2, 2) == 0);
  CHECK(at(8, 0, 0) == 5);
}

TEST_CASE("folding patches is the adjoint of unrolling them", "[im2col]") {
  // <unroll(x), p> = <x, fold(p)> for any x and p: fold adds each patch value back exactly where
  // unroll read it, which is what the input's gradient needs.
  for (const int pad : {0, 1, 2}) {
    nn::ConvGeometry g;
    g.in = {3, 6, 5};
    g.kernel = 5;
    g.pad = pad;
    g.out = {1, g.in.height + 2 * pad - 4, g.in.width + 2 * pad - 4};
    const int n = 2;
    const Eigen::Index rows = static_cast<Eigen::Index>(n) * g.positions();
    nn::Random random(pad + 1);
    std::vector<float> x(static_cast<size_t>(g.in.size() * n)), p(rows * g.patch_size());
    for (float& v : x)
      v = random.uniform(-1, 1);
    for (float& v : p)
      v = random.uniform(-1, 1);
    std::vector<float> unrolled(p.size()), folded(x.size(), 7.0f);
    nn::unroll_patches(g, x.data(), g.in.size(), n, unrolled.data());
    nn::fold_patches(g, p.data(), n, folded.data(), g.in.size());
    double left = 0, right = 0;
    for (size_t i = 0; i < p.size(); ++i)
      left += double(unrolled[i]) * p[i];
    for (size_t i = 0; i < x.size(); ++i)
      right += double(x[i]) * folded[i];
    INFO("pad " << pad);
    CHECK_THAT(left, WithinRel(right, 1e-5));
  }
}
