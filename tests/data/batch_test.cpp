#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "data/batch.h"
#include "data/dataset.h"

using Catch::Matchers::WithinAbs;

namespace {

// Three 2 x 2 images with labels 4, 7, 1.
data::Dataset three_images() {
  data::IdxImages images;
  images.count = 3;
  images.rows = 2;
  images.cols = 2;
  images.pixels = {0,   255, 51,  102,  //
                   1,   2,   3,   4,    //
                   255, 0,   128, 17};
  return data::make_dataset(std::move(images), {4, 7, 1});
}

}  // namespace

TEST_CASE("gather_batch writes the indexed images as 0-1 float columns in index order", "[batch]") {
  const data::Dataset d = three_images();
  const uint32_t indices[] = {2, 0};
  nn::Matrix inputs;
  uint8_t labels[2] = {};
  data::gather_batch(data::view(d), indices, 2, inputs, labels);

  REQUIRE(inputs.rows() == 4);
  REQUIRE(inputs.cols() >= 2);
  // Column 0 is image 2, column 1 is image 0; pixel p of an image is row p.
  CHECK_THAT(inputs(0, 0), WithinAbs(1.0, 1e-7));
  CHECK(inputs(1, 0) == 0.0f);
  CHECK_THAT(inputs(2, 0), WithinAbs(128.0 / 255.0, 1e-7));
  CHECK_THAT(inputs(3, 0), WithinAbs(17.0 / 255.0, 1e-7));
  CHECK(inputs(0, 1) == 0.0f);
  CHECK_THAT(inputs(1, 1), WithinAbs(1.0, 1e-7));
  CHECK_THAT(inputs(2, 1), WithinAbs(0.2, 1e-7));
  CHECK_THAT(inputs(3, 1), WithinAbs(0.4, 1e-7));
  CHECK(labels[0] == 1);
  CHECK(labels[1] == 4);
}

TEST_CASE("gather_batch reuses a larger buffer and writes only the batch's columns", "[batch]") {
  const data::Dataset d = three_images();
  nn::Matrix inputs = nn::Matrix::Constant(4, 5, -1.0f);
  const uint32_t indices[] = {1};
  uint8_t label = 0;
  data::gather_batch(data::view(d), indices, 1, inputs, &label);
  CHECK(inputs.cols() == 5);
  CHECK_THAT(inputs(3, 0), WithinAbs(4.0 / 255.0, 1e-7));
  CHECK(inputs(0, 1) == -1.0f);
  CHECK(label == 7);

  // A buffer of the wrong height is resized to the image size.
  nn::Matrix wrong = nn::Matrix::Zero(3, 8);
  data::gather_batch(data::view(d), indices, 1, wrong, &label);
  CHECK(wrong.rows() == 4);
}

TEST_CASE("gather_batch indexes within a view, not the whole dataset", "[batch]") {
  const data::Dataset d = three_images();
  const uint32_t indices[] = {0};
  nn::Matrix inputs;
  uint8_t label = 0;
  data::gather_batch(data::view(d, 2, 3), indices, 1, inputs, &label);
  CHECK_THAT(inputs(0, 0), WithinAbs(1.0, 1e-7));
  CHECK(label == 1);
}

TEST_CASE("gather_range converts consecutive samples", "[batch]") {
  const data::Dataset d = three_images();
  nn::Matrix inputs;
  data::gather_range(data::view(d), 1, 2, inputs);
  REQUIRE(inputs.cols() >= 2);
  CHECK_THAT(inputs(0, 0), WithinAbs(1.0 / 255.0, 1e-7));
  CHECK_THAT(inputs(0, 1), WithinAbs(1.0, 1e-7));
  CHECK_THAT(inputs(3, 1), WithinAbs(17.0 / 255.0, 1e-7));
}

TEST_CASE("image_to_input makes one column of floats from 0 to 1", "[batch]") {
  const uint8_t image[] = {0, 255, 51};
  nn::Matrix input;
  data::image_to_input(image, 3, input);
  REQUIRE(input.rows() == 3);
  CHECK(input(0, 0) == 0.0f);
  CHECK_THAT(input(1, 0), WithinAbs(1.0, 1e-7));
  CHECK_THAT(input(2, 0), WithinAbs(0.2, 1e-7));
}

TEST_CASE("gather_sparse_batch keeps exactly the nonzero pixels, scaled, in index order",
          "[batch]") {
  const data::Dataset d = three_images();
  const uint32_t indices[] = {2, 0};
  nn::SparseBatch batch;
  uint8_t labels[2] = {};
  data::gather_sparse_batch(data::view(d), indices, 2, batch, labels);
  CHECK(batch.inputs == 4);
  CHECK(batch.samples == 2);
  CHECK(labels[0] == 1);
  CHECK(labels[1] == 4);
  // Image 2 is {255, 0, 128, 17}; image 0 is {0, 255, 51, 102}: three nonzeros each.
  REQUIRE(batch.nonzeros() == 6);
  CHECK(batch.sample_start[1] == 3);
  CHECK(std::vector<int32_t>(batch.input_index.begin(), batch.input_index.begin() + 6) ==
        std::vector<int32_t>{0, 2, 3, 1, 2, 3});
  CHECK_THAT(batch.sample_value[0], WithinAbs(1.0, 1e-7));
  CHECK_THAT(batch.sample_value[2], WithinAbs(17.0 / 255.0, 1e-7));
  CHECK_THAT(batch.sample_value[4], WithinAbs(0.2, 1e-7));
  // Indexed by input as well: pixel 2 is nonzero in both samples.
  CHECK(batch.input_start[3] - batch.input_start[2] == 2);
}

TEST_CASE("gather_sparse_range finds nonzeros past the last whole 8-byte word", "[batch]") {
  // 11 pixels: one 8-byte word and 3 left over, with ink in both parts.
  data::IdxImages images;
  images.count = 1;
  images.rows = 1;
  images.cols = 11;
  images.pixels = {0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 255};
  const data::Dataset d = data::make_dataset(std::move(images), {3});
  nn::SparseBatch batch;
  data::gather_sparse_range(data::view(d), 0, 1, batch);
  REQUIRE(batch.nonzeros() == 2);
  CHECK(batch.input_index[0] == 7);
  CHECK(batch.input_index[1] == 10);
  CHECK_THAT(batch.sample_value[1], WithinAbs(1.0, 1e-7));
}
