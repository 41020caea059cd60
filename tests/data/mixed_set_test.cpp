#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

#include "data/mixed_set.h"

using Catch::Matchers::Contains;

namespace {

// count images of `pixels` bytes, each filled with its own index plus `offset`, labelled i % 10.
data::Dataset numbered(int count, int pixels, int offset) {
  data::Dataset d;
  d.rows = 1;
  d.cols = pixels;
  d.classes = 10;
  for (int i = 0; i < count; ++i) {
    d.images.insert(d.images.end(), static_cast<size_t>(pixels), static_cast<uint8_t>(i + offset));
    d.labels.push_back(static_cast<uint8_t>(i % 10));
  }
  return d;
}

}  // namespace

TEST_CASE("a mixed set holds every primary sample then ratio times as many secondary ones",
          "[mixed]") {
  const data::Dataset yours = numbered(10, 4, 0);
  const data::Dataset other = numbered(100, 4, 100);
  data::MixedTrainingSet mixed(data::view(yours), data::view(other), 2.5, 7);
  const data::DatasetView v = mixed.view();
  REQUIRE(v.count == 35);
  REQUIRE(mixed.primary_count() == 10);
  REQUIRE(mixed.secondary_count() == 25);
  for (int i = 0; i < 10; ++i) {
    CHECK(v.image(i)[0] == i);
    CHECK(v.label(i) == i % 10);
  }
  std::set<int> drawn;
  for (int i = 10; i < 35; ++i) {
    const int sample = v.image(i)[0] - 100;
    REQUIRE(sample >= 0);
    REQUIRE(sample < 100);
    CHECK(v.label(i) == sample % 10);  // each image keeps its own label
    drawn.insert(sample);
  }
  CHECK(drawn.size() == 25);  // no repeats within an epoch
}

TEST_CASE("a mixed set draws other secondary samples each epoch, in place", "[mixed]") {
  const data::Dataset yours = numbered(10, 4, 0);
  const data::Dataset other = numbered(200, 4, 0);
  data::MixedTrainingSet mixed(data::view(yours), data::view(other), 1.0, 3);
  const data::DatasetView before = mixed.view();
  std::vector<uint8_t> first(before.images + 40, before.images + 80);
  mixed.redraw();
  const data::DatasetView after = mixed.view();
  CHECK(after.images == before.images);  // the trainer's view stays valid
  CHECK(after.count == before.count);
  CHECK_FALSE(std::equal(first.begin(), first.end(), after.images + 40));
  for (int i = 0; i < 10; ++i)
    CHECK(after.image(i)[0] == i);  // the primary part is untouched
}

TEST_CASE("a mixed set is the same for the same seed", "[mixed]") {
  const data::Dataset yours = numbered(5, 4, 0);
  const data::Dataset other = numbered(100, 4, 0);
  data::MixedTrainingSet a(data::view(yours), data::view(other), 3.0, 11);
  data::MixedTrainingSet b(data::view(yours), data::view(other), 3.0, 11);
  const data::DatasetView va = a.view(), vb = b.view();
  CHECK(std::equal(va.images, va.images + va.count * va.pixels, vb.images));
}

TEST_CASE("a mixed set takes at most the whole secondary set, and none at ratio 0", "[mixed]") {
  const data::Dataset yours = numbered(10, 4, 0);
  const data::Dataset other = numbered(15, 4, 0);
  CHECK(data::MixedTrainingSet(data::view(yours), data::view(other), 50, 1).secondary_count() ==
        15);
  CHECK(data::MixedTrainingSet(data::view(yours), data::view(other), 0, 1).view().count == 10);
}

TEST_CASE("a mixed set refuses a bad ratio, no digits of yours, or other image sizes", "[mixed]") {
  const data::Dataset yours = numbered(10, 4, 0);
  const data::Dataset other = numbered(15, 4, 0);
  const data::Dataset wider = numbered(15, 5, 0);
  for (double bad : {-1.0, 101.0, std::nan("")}) {
    CHECK_THROWS_WITH(data::MixedTrainingSet(data::view(yours), data::view(other), bad, 1),
                      Contains("mixing ratio"));
  }
  data::DatasetView empty = data::view(yours);
  empty.count = 0;
  CHECK_THROWS_WITH(data::MixedTrainingSet(empty, data::view(other), 1, 1),
                    Contains("no digits of your own"));
  CHECK_THROWS_WITH(data::MixedTrainingSet(data::view(yours), data::view(wider), 1, 1),
                    Contains("pixels"));
}
