#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "data/dataset.h"
#include "support/mnist_fixture.h"

using Catch::Matchers::Contains;

namespace {

data::IdxImages images(uint32_t count, uint32_t rows = 2, uint32_t cols = 2) {
  data::IdxImages im;
  im.count = count;
  im.rows = rows;
  im.cols = cols;
  im.pixels.resize(static_cast<size_t>(count) * rows * cols);
  for (size_t i = 0; i < im.pixels.size(); ++i)
    im.pixels[i] = static_cast<uint8_t>(i);
  return im;
}

std::vector<uint8_t> labels(int count) {
  std::vector<uint8_t> l(count);
  for (int i = 0; i < count; ++i)
    l[i] = static_cast<uint8_t>(i % 10);
  return l;
}

}  // namespace

TEST_CASE("a dataset pairs images with labels, keeping the pixels as bytes", "[dataset]") {
  const data::Dataset d = data::make_dataset(images(3, 2, 5), {4, 0, 9});
  CHECK(d.count() == 3);
  CHECK(d.rows == 2);
  CHECK(d.cols == 5);
  CHECK(d.pixels_per_image() == 10);
  CHECK(d.classes == 10);
  CHECK(d.images.size() == 30);
  CHECK(d.images[10] == 10);  // the second image starts at byte 10
  CHECK(d.labels == std::vector<uint8_t>{4, 0, 9});
}

TEST_CASE("image and label files with different counts are refused", "[dataset]") {
  CHECK_THROWS_AS(data::make_dataset(images(3), labels(2)), data::IdxError);
  CHECK_THROWS_WITH(data::make_dataset(images(3), labels(2)),
                    Contains("3 images") && Contains("2 labels"));
  CHECK_THROWS_WITH(data::make_dataset(images(2), labels(3)),
                    Contains("2 images") && Contains("3 labels"));
}

TEST_CASE("labels outside 0-9 are refused with the label and its position", "[dataset]") {
  std::vector<uint8_t> l = labels(5);
  l[3] = 10;
  CHECK_THROWS_WITH(data::make_dataset(images(5), l),
                    Contains("label 10") && Contains("position 3") && Contains("outside 0-9"));
  l[3] = 255;
  CHECK_THROWS_WITH(data::make_dataset(images(5), l), Contains("label 255"));
  // Fewer classes, the same rule.
  CHECK_THROWS_WITH(data::make_dataset(images(2), {0, 2}, 2), Contains("outside 0-1"));
  CHECK_NOTHROW(data::make_dataset(images(2), {0, 1}, 2));
}

TEST_CASE("an empty pair of files is refused", "[dataset]") {
  CHECK_THROWS_WITH(data::make_dataset(images(0), {}), Contains("no samples"));
}

TEST_CASE("a view covers a range of samples without copying", "[dataset]") {
  const data::Dataset d = data::make_dataset(images(5), labels(5));
  const data::DatasetView v = data::view(d, 1, 4);
  CHECK(v.count == 3);
  CHECK(v.pixels == 4);
  CHECK(v.images == d.images.data() + 4);
  CHECK(v.image(2) == d.images.data() + 12);
  CHECK(v.label(0) == 1);
  CHECK(v.label(2) == 3);
  CHECK(data::view(d).count == 5);
  CHECK(data::view(d, 5, 5).count == 0);
}

TEST_CASE("a view outside the dataset is refused", "[dataset]") {
  const data::Dataset d = data::make_dataset(images(5), labels(5));
  CHECK_THROWS_AS(data::view(d, -1, 2), std::out_of_range);
  CHECK_THROWS_AS(data::view(d, 0, 6), std::out_of_range);
  CHECK_THROWS_AS(data::view(d, 3, 2), std::out_of_range);
}

TEST_CASE("a small training file splits 85/15 into training and validation", "[dataset]") {
  const data::Dataset d = data::make_dataset(images(20), labels(20));
  const data::TrainValidationSplit split = data::split_train_validation(d);
  CHECK(split.train.count == 17);
  CHECK(split.validation.count == 3);
  CHECK(split.validation.images == d.images.data() + 17 * 4);
  CHECK(split.validation.label(0) == 7);

  const data::Dataset two = data::make_dataset(images(2), labels(2));
  CHECK(data::split_train_validation(two).train.count == 1);
  CHECK(data::split_train_validation(two).validation.count == 1);
  const data::Dataset one = data::make_dataset(images(1), labels(1));
  CHECK_THROWS_AS(data::split_train_validation(one), data::IdxError);
}

TEST_CASE("the MNIST training file splits into 51,000 training and the last 9,000 for validation",
          "[dataset][mnist]") {
  const data::Dataset& training_file = test_support::mnist_training_file();
  const data::TrainValidationSplit split = data::split_train_validation(training_file);
  CHECK(split.train.count == 51000);
  CHECK(split.validation.count == 9000);
  CHECK(split.train.images == training_file.images.data());
  CHECK(split.validation.images == training_file.images.data() + 51000 * 784);
  CHECK(split.validation.labels == training_file.labels.data() + 51000);
  CHECK(split.train.pixels == 784);
  CHECK(split.validation.classes == 10);

  const data::Dataset& test_file = test_support::mnist_test_file();
  CHECK(test_file.count() == 10000);
  CHECK(data::view(test_file).count == 10000);
}
