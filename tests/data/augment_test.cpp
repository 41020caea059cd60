#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "data/augment.h"
#include "support/canvas.h"
#include "support/mnist_fixture.h"

using Catch::Matchers::Contains;
using test_support::digit_stats;
using test_support::DigitStats;

namespace {

const data::Augmentation kAll{true, true, true};

const uint8_t* mnist_image(int index) {
  return test_support::mnist_training_file().images.data() + static_cast<size_t>(index) * 784;
}

std::vector<uint8_t> augmented(data::Augmenter& augmenter, const uint8_t* image) {
  std::vector<uint8_t> out(784);
  augmenter.augment(image, out.data());
  return out;
}

}  // namespace

TEST_CASE("augmentation names parse and print back", "[augment]") {
  CHECK_FALSE(data::parse_augmentation("none").any());
  CHECK(data::parse_augmentation("all") == kAll);
  const data::Augmentation two = data::parse_augmentation("thickness,affine");
  CHECK(two.affine);
  CHECK_FALSE(two.elastic);
  CHECK(two.thickness);
  CHECK(data::augmentation_name(two) == "affine,thickness");
  CHECK(data::augmentation_name(data::parse_augmentation("elastic")) == "elastic");
  CHECK(data::augmentation_name(data::parse_augmentation("affine,elastic,thickness")) == "all");
  CHECK(data::augmentation_name({}) == "none");
  for (const char* bad : {"", "rotate", "affine,", ",affine", "affine thickness", "All"}) {
    INFO("'" << bad << "'");
    CHECK_THROWS_AS(data::parse_augmentation(bad), std::invalid_argument);
  }
  CHECK_THROWS_WITH(data::parse_augmentation("affine,blur"), Contains("'blur'"));
}

TEST_CASE("the identity distortion gives every image back unchanged", "[augment][mnist]") {
  data::Augmenter augmenter(kAll, 28, 1);
  std::vector<uint8_t> out(784);
  for (int i = 0; i < 100; ++i) {
    INFO("training image " << i);
    augmenter.distort(mnist_image(i), data::Distortion{}, out.data());
    CHECK(std::equal(out.begin(), out.end(), mnist_image(i)));
  }
}

TEST_CASE("a shift by whole pixels moves the image by them, paper coming in", "[augment]") {
  data::Augmenter augmenter(kAll, 28, 1);
  std::vector<uint8_t> out(784);
  data::Distortion shift;
  shift.shift_x = 2.0f;  // each pixel reads the one 2 to its right: the image moves left
  shift.shift_y = -1.0f;
  const uint8_t* image = mnist_image(0);
  augmenter.distort(image, shift, out.data());
  for (int y = 0; y < 28; ++y) {
    for (int x = 0; x < 28; ++x) {
      const int sx = x + 2, sy = y - 1;
      const uint8_t expected = sx < 28 && sy >= 0 ? image[sy * 28 + sx] : 0;
      INFO("pixel " << x << ", " << y);
      CHECK(out[y * 28 + x] == expected);
    }
  }
}

TEST_CASE("a quarter turn turns the image about its centre", "[augment]") {
  data::Augmenter augmenter(kAll, 28, 1);
  std::vector<uint8_t> out(784);
  data::Distortion turn;
  turn.rotation = 1.5707963f;
  const uint8_t* image = mnist_image(1);
  augmenter.distort(image, turn, out.data());
  // Output (x, y) reads the source at c + R (p - c): (c - (y - c), c + (x - c)) = (27 - y, x).
  for (int y = 0; y < 28; ++y) {
    for (int x = 0; x < 28; ++x) {
      INFO("pixel " << x << ", " << y);
      CHECK(std::abs(int(out[y * 28 + x]) - int(image[x * 28 + 27 - y])) <= 1);
    }
  }
}

TEST_CASE("thickness dilates or erodes by one pixel in a plus shape", "[augment]") {
  data::Augmenter augmenter(kAll, 28, 1);
  std::vector<uint8_t> dot(784, 0), out(784);
  for (int y = 12; y < 15; ++y) {
    for (int x = 12; x < 15; ++x)
      dot[y * 28 + x] = 200;  // a 3 x 3 square
  }
  data::Distortion thicker;
  thicker.thickness = 1.0f;
  augmenter.distort(dot.data(), thicker, out.data());
  CHECK(std::count(out.begin(), out.end(), 200) == 9 + 4 * 3);  // the square and its 4 sides
  CHECK(out[11 * 28 + 11] == 0);                                // not the corners
  data::Distortion half;
  half.thickness = 0.5f;
  augmenter.distort(dot.data(), half, out.data());
  CHECK(out[11 * 28 + 13] == 100);  // half way toward the dilation
  data::Distortion thinner;
  thinner.thickness = -1.0f;
  augmenter.distort(dot.data(), thinner, out.data());
  CHECK(std::count(out.begin(), out.end(), 200) == 1);  // only the centre keeps its ink
  CHECK(std::accumulate(out.begin(), out.end(), 0) == 200);
}

TEST_CASE("augmentation is the same for the same seed and differs for another", "[augment]") {
  data::Augmenter a(kAll, 28, 7), b(kAll, 28, 7), c(kAll, 28, 8);
  int differ = 0;
  for (int i = 0; i < 50; ++i) {
    const std::vector<uint8_t> from_a = augmented(a, mnist_image(i));
    CHECK(from_a == augmented(b, mnist_image(i)));
    differ += from_a != augmented(c, mnist_image(i));
  }
  CHECK(differ == 50);
}

TEST_CASE("each kind of augmentation draws only its own distortion", "[augment]") {
  data::Augmenter affine({true, false, false}, 28, 3);
  data::Augmenter elastic({false, true, false}, 28, 3);
  data::Augmenter thickness({false, false, true}, 28, 3);
  for (int i = 0; i < 20; ++i) {
    const data::Distortion a = affine.draw_distortion();
    CHECK(a.field_x == nullptr);
    CHECK(a.thickness == 0.0f);
    CHECK(std::fabs(a.rotation) <= data::kMaxRotation);
    CHECK(std::fabs(a.shift_x) <= data::kMaxShift);
    CHECK(std::fabs(a.scale_x - 1.0f) <= data::kMaxScaleChange);
    CHECK(std::fabs(a.shear) <= data::kMaxShear);
    const data::Distortion e = elastic.draw_distortion();
    CHECK(e.field_x != nullptr);
    CHECK(e.rotation == 0.0f);
    CHECK(e.thickness == 0.0f);
    const data::Distortion t = thickness.draw_distortion();
    CHECK(t.field_x == nullptr);
    CHECK(t.rotation == 0.0f);
    CHECK(t.shift_x == 0.0f);
    CHECK(t.thickness >= -data::kMaxThin);
    CHECK(t.thickness <= data::kMaxThicken);
  }
}

// Over 1,000 training images with every distortion: the ink stays on the 28 x 28 field, near its
// centre, with about as much of it as before. Measured: the centre of mass moves 3.5 px at most,
// the ink is 0.58 to 2.0 times what it was.
TEST_CASE("an augmented image is still an MNIST-like 28 x 28 digit", "[augment][mnist]") {
  data::Augmenter augmenter(kAll, 28, 11);
  for (int i = 0; i < 1000; ++i) {
    INFO("training image " << i);
    const std::vector<uint8_t> out = augmented(augmenter, mnist_image(i));
    const DigitStats before = digit_stats(mnist_image(i)), after = digit_stats(out.data());
    REQUIRE(after.mass > 0.0);
    const double ink = after.mass / before.mass;
    const double centre = std::hypot(after.centre_x - 14.0, after.centre_y - 14.0);
    CHECK(ink > 0.5);
    CHECK(ink < 2.5);
    CHECK(centre < 4.0);
  }
}

TEST_CASE("a batch augmenter that is off hands the dataset through", "[augment]") {
  const data::Dataset& file = test_support::mnist_training_file();
  const data::DatasetView train = data::view(file, 0, 100);
  data::BatchAugmenter batches({}, 784, 8, 1);
  CHECK_FALSE(batches.active());
  const uint32_t indices[3] = {5, 17, 2};
  const data::BatchSource source = batches.prepare(train, indices, 3);
  CHECK(source.data.images == train.images);
  CHECK(source.indices == indices);
  REQUIRE(batches.last_count() == 3);
  CHECK(batches.last_image(1) == train.image(17));
  CHECK(batches.last_label(2) == train.label(2));
}

TEST_CASE("a batch augmenter that is on hands distorted copies in batch order", "[augment]") {
  const data::Dataset& file = test_support::mnist_training_file();
  const data::DatasetView train = data::view(file, 0, 100);
  data::BatchAugmenter batches(kAll, 784, 8, 1);
  data::Augmenter same(kAll, 28, 1);  // the same seed draws the same distortions
  REQUIRE(batches.active());
  const uint32_t indices[3] = {5, 17, 2};
  const data::BatchSource source = batches.prepare(train, indices, 3);
  REQUIRE(source.data.count == 3);
  for (int i = 0; i < 3; ++i) {
    INFO("batch sample " << i);
    const uint32_t k = source.indices[i];
    CHECK(source.data.label(static_cast<int>(k)) == train.label(static_cast<int>(indices[i])));
    const std::vector<uint8_t> expected =
        augmented(same, train.image(static_cast<int>(indices[i])));
    CHECK(std::equal(expected.begin(), expected.end(), source.data.image(static_cast<int>(k))));
    CHECK(batches.last_image(i) == source.data.image(static_cast<int>(k)));
    CHECK(batches.last_label(i) == train.label(static_cast<int>(indices[i])));
  }
}

TEST_CASE("augmentation refuses images that are not square", "[augment]") {
  CHECK_THROWS_AS(data::BatchAugmenter(kAll, 780, 8, 1), std::invalid_argument);
  CHECK_NOTHROW(data::BatchAugmenter({}, 780, 8, 1));  // off: any size
}
