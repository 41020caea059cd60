#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "base/files.h"
#include "data/idx.h"
#include "support/idx_bytes.h"
#include "support/mnist_fixture.h"
#include "support/temp_file.h"

using Catch::Matchers::Contains;
using test_support::idx_images_bytes;
using test_support::idx_labels_bytes;

namespace {

data::IdxImages parse_images(const std::vector<uint8_t>& bytes) {
  return data::parse_idx_images(bytes.data(), bytes.size());
}

std::vector<uint8_t> parse_labels(const std::vector<uint8_t>& bytes) {
  return data::parse_idx_labels(bytes.data(), bytes.size());
}

}  // namespace

TEST_CASE("an IDX image buffer parses into count, size and pixels", "[idx]") {
  const std::vector<uint8_t> pixels = {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255};
  const std::vector<uint8_t> bytes = idx_images_bytes(2, 2, 3, pixels);
  const data::IdxImages images = parse_images(bytes);
  CHECK(images.count == 2);
  CHECK(images.rows == 2);
  CHECK(images.cols == 3);
  CHECK(images.pixels == pixels);

  // The overload that takes over the buffer gives the same result.
  const data::IdxImages moved = data::parse_idx_images(std::vector<uint8_t>(bytes));
  CHECK(moved.count == 2);
  CHECK(moved.rows == 2);
  CHECK(moved.cols == 3);
  CHECK(moved.pixels == pixels);
}

TEST_CASE("an IDX label buffer parses into its labels", "[idx]") {
  CHECK(parse_labels(idx_labels_bytes(4, {7, 2, 1, 0})) == std::vector<uint8_t>{7, 2, 1, 0});
  CHECK(parse_labels(idx_labels_bytes(0, {})).empty());
}

TEST_CASE("a wrong magic number is refused, saying what the file is", "[idx]") {
  std::vector<uint8_t> bytes = idx_images_bytes(1, 1, 1, {9});
  bytes[0] = 0x12;
  CHECK_THROWS_AS(parse_images(bytes), data::IdxError);
  CHECK_THROWS_WITH(parse_images(bytes), Contains("0x00000803") && Contains("0x12000803"));
}

TEST_CASE("a gzip file is recognised and refused with advice to decompress it", "[idx]") {
  const std::vector<uint8_t> gzip = {0x1F, 0x8B, 0x08, 0x08, 0x00, 0x00, 0x00, 0x00,
                                     0x00, 0x03, 0x74, 0x72, 0x61, 0x69, 0x6E, 0x00};
  CHECK_THROWS_WITH(parse_images(gzip), Contains("gzip") && Contains("decompress"));
  CHECK_THROWS_WITH(parse_labels(gzip), Contains("gzip"));
}

TEST_CASE("a label file passed as images, or images as labels, is refused by name", "[idx]") {
  CHECK_THROWS_WITH(parse_images(idx_labels_bytes(2, {1, 2})),
                    Contains("not an IDX image file") && Contains("an IDX label file"));
  CHECK_THROWS_WITH(parse_labels(idx_images_bytes(1, 1, 1, {0})),
                    Contains("not an IDX label file") && Contains("an IDX image file"));
}

TEST_CASE("a header cut short is refused as truncated", "[idx]") {
  const std::vector<uint8_t> full = idx_images_bytes(1, 2, 2, {1, 2, 3, 4});
  CHECK_THROWS_WITH(parse_images({}), Contains("shorter than its 4-byte magic"));
  CHECK_THROWS_WITH(parse_images({0x00, 0x00, 0x08}), Contains("shorter than its 4-byte magic"));
  // The magic, then a header that ends inside count, rows or columns.
  for (size_t length : {4, 6, 8, 11, 12, 15}) {
    INFO("header cut to " << length << " bytes");
    const std::vector<uint8_t> cut(full.begin(), full.begin() + length);
    CHECK_THROWS_WITH(parse_images(cut), Contains("header is truncated"));
  }
  const std::vector<uint8_t> labels = idx_labels_bytes(3, {1, 2, 3});
  CHECK_THROWS_WITH(parse_labels({labels.begin(), labels.begin() + 6}),
                    Contains("header is truncated"));
}

TEST_CASE("pixel or label data shorter than the header promises is refused", "[idx]") {
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(2, 2, 2, {1, 2, 3, 4, 5, 6, 7})),
                    Contains("truncated") && Contains("8 bytes of pixels") && Contains("only 7"));
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(2, 2, 2, {})), Contains("truncated"));
  CHECK_THROWS_WITH(parse_labels(idx_labels_bytes(5, {1, 2, 3})),
                    Contains("truncated") && Contains("5 bytes of labels"));
}

TEST_CASE("bytes beyond what the header promises are refused", "[idx]") {
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(1, 2, 2, {1, 2, 3, 4, 5})),
                    Contains("has 1 byte") && Contains("more than its header promises"));
  CHECK_THROWS_WITH(parse_labels(idx_labels_bytes(2, {1, 2, 3, 4})), Contains("has 2 bytes more"));
}

TEST_CASE("a header claiming absurd dimensions is refused without allocating them", "[idx]") {
  // 1,000,000 images of 256 x 256 is 65 GB: within each per-dimension limit, so only the length
  // check stands between this 16-byte buffer and an attempt to allocate them (which would throw
  // std::bad_alloc, or abort under AddressSanitizer, rather than IdxError).
  const std::vector<uint8_t> liar = idx_images_bytes(1'000'000, 256, 256, {});
  REQUIRE(liar.size() == 16);
  CHECK_THROWS_AS(parse_images(liar), data::IdxError);
  CHECK_THROWS_WITH(parse_images(liar), Contains("65536000000 bytes"));
  CHECK_THROWS_AS(data::parse_idx_images(std::vector<uint8_t>(liar)), data::IdxError);

  CHECK_THROWS_WITH(parse_images(idx_images_bytes(1'000'001, 28, 28, {})),
                    Contains("1000001 images") && Contains("limit"));
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(1, 257, 28, {})), Contains("257 rows"));
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(1, 28, 0xFFFFFFFF, {})), Contains("columns"));
  CHECK_THROWS_WITH(parse_labels(idx_labels_bytes(0xFFFFFFFF, {})), Contains("labels"));
}

TEST_CASE("images of zero size are refused", "[idx]") {
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(5, 0, 28, {})), Contains("size 0"));
  CHECK_THROWS_WITH(parse_images(idx_images_bytes(5, 28, 0, {})), Contains("size 0"));
}

TEST_CASE("reading a missing IDX file names the path", "[idx]") {
  test_support::TempFile missing("missing-idx3-ubyte");
  CHECK_THROWS_WITH(data::read_idx_images(missing.path()), Contains(missing.path()));
  CHECK_THROWS_WITH(data::read_idx_labels(missing.path()), Contains(missing.path()));
}

TEST_CASE("a bad IDX file's error names the path and the problem", "[idx]") {
  test_support::TempFile file("labels-as-images");
  base::write_file(file.path(), idx_labels_bytes(2, {1, 2}));
  CHECK_THROWS_AS(data::read_idx_images(file.path()), data::IdxError);
  CHECK_THROWS_WITH(data::read_idx_images(file.path()),
                    Contains(file.path()) && Contains("label file"));
  CHECK(data::read_idx_labels(file.path()) == std::vector<uint8_t>{1, 2});
}

TEST_CASE("the real MNIST files read as 60,000 and 10,000 images of 28 x 28", "[idx][mnist]") {
  const std::string dir = test_support::mnist_dir();
  const data::IdxImages train = data::read_idx_images(dir + "/train-images-idx3-ubyte");
  CHECK(train.count == 60000);
  CHECK(train.rows == 28);
  CHECK(train.cols == 28);
  CHECK(train.pixels.size() == 60000u * 28 * 28);
  const data::IdxImages test = data::read_idx_images(dir + "/t10k-images-idx3-ubyte");
  CHECK(test.count == 10000);
  CHECK(test.rows == 28);
  CHECK(test.cols == 28);
  CHECK(test.pixels.size() == 10000u * 28 * 28);
}

TEST_CASE("the real MNIST labels start and count as published", "[idx][mnist]") {
  const std::string dir = test_support::mnist_dir();
  const std::vector<uint8_t> train = data::read_idx_labels(dir + "/train-labels-idx1-ubyte");
  const std::vector<uint8_t> test = data::read_idx_labels(dir + "/t10k-labels-idx1-ubyte");
  REQUIRE(train.size() == 60000);
  REQUIRE(test.size() == 10000);
  // The first ten digits of each file, and the per-class counts, as widely published for MNIST.
  CHECK(std::vector<uint8_t>(train.begin(), train.begin() + 10) ==
        std::vector<uint8_t>{5, 0, 4, 1, 9, 2, 1, 3, 1, 4});
  CHECK(std::vector<uint8_t>(test.begin(), test.begin() + 10) ==
        std::vector<uint8_t>{7, 2, 1, 0, 4, 1, 4, 9, 5, 9});
  std::array<int, 10> train_counts{}, test_counts{};
  for (uint8_t label : train)
    ++train_counts.at(label);
  for (uint8_t label : test)
    ++test_counts.at(label);
  CHECK(train_counts ==
        std::array<int, 10>{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949});
  CHECK(test_counts == std::array<int, 10>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});
}
