// Fuzzes the IDX reader (data/idx.h) and the dataset built from it (data/dataset.h).
//
// The input is read three ways: whole as an image file, whole as a label file, and as an image
// file followed by a label file (the split is where the image header says the pixels end), which
// is paired into a dataset when both halves parse. Refusals must be IdxError (or the documented
// std::invalid_argument / std::out_of_range); any other exception escapes and libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/idx.h"
#include "fuzz_check.h"

namespace {

void check_images(const data::IdxImages& images) {
  FUZZ_CHECK(images.rows >= 1 && images.rows <= data::kMaxIdxImageSide);
  FUZZ_CHECK(images.cols >= 1 && images.cols <= data::kMaxIdxImageSide);
  FUZZ_CHECK(images.count <= data::kMaxIdxItems);
  FUZZ_CHECK(images.pixels.size() == uint64_t(images.count) * images.rows * images.cols);
}

bool same(const data::IdxImages& a, const data::IdxImages& b) {
  return a.count == b.count && a.rows == b.rows && a.cols == b.cols && a.pixels == b.pixels;
}

std::optional<data::IdxImages> parse_images(const uint8_t* data, size_t size) {
  // The copying and the buffer-taking overloads must agree on every input.
  std::optional<data::IdxImages> copied, moved;
  try {
    copied = data::parse_idx_images(data, size);
    check_images(*copied);
  } catch (const data::IdxError&) {
  }
  try {
    moved = data::parse_idx_images(std::vector<uint8_t>(data, data + size));
    check_images(*moved);
  } catch (const data::IdxError&) {
  }
  FUZZ_CHECK(copied.has_value() == moved.has_value());
  if (copied)
    FUZZ_CHECK(same(*copied, *moved));
  return copied;
}

std::optional<std::vector<uint8_t>> parse_labels(const uint8_t* data, size_t size) {
  try {
    std::vector<uint8_t> labels = data::parse_idx_labels(data, size);
    FUZZ_CHECK(labels.size() <= data::kMaxIdxItems);
    FUZZ_CHECK(size == 8 + labels.size());
    return labels;
  } catch (const data::IdxError&) {
    return std::nullopt;
  }
}

uint32_t read_u32_be(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// Where an image file would end if the input is an image file followed by a label file.
size_t image_file_length(const uint8_t* data, size_t size) {
  if (size < 16)
    return size;
  const uint64_t length =
      16 + uint64_t(read_u32_be(data + 4)) * read_u32_be(data + 8) * read_u32_be(data + 12);
  return length < size ? static_cast<size_t>(length) : size;
}

void check_dataset(data::IdxImages images, std::vector<uint8_t> labels) {
  const uint32_t count = images.count, rows = images.rows, cols = images.cols;
  try {
    const data::Dataset dataset = data::make_dataset(std::move(images), std::move(labels));
    FUZZ_CHECK(count > 0 && dataset.count() == static_cast<int>(count));
    FUZZ_CHECK(dataset.rows == static_cast<int>(rows) && dataset.cols == static_cast<int>(cols));
    FUZZ_CHECK(dataset.images.size() ==
               static_cast<size_t>(dataset.count()) * dataset.pixels_per_image());
    for (uint8_t label : dataset.labels)
      FUZZ_CHECK(label < dataset.classes);

    const data::DatasetView all = data::view(dataset);
    FUZZ_CHECK(all.count == dataset.count());
    if (all.count > 0) {
      // The last pixel of the last image, through the view: ASan checks it is in bounds.
      FUZZ_CHECK(all.image(all.count - 1)[all.pixels - 1] == dataset.images.back());
      FUZZ_CHECK(all.label(all.count - 1) == dataset.labels.back());
    }
    const data::TrainValidationSplit split = data::split_train_validation(dataset);
    FUZZ_CHECK(split.train.count >= 1 && split.validation.count >= 1);
    FUZZ_CHECK(split.train.count + split.validation.count == dataset.count());
  } catch (const data::IdxError&) {
  } catch (const std::invalid_argument&) {
  } catch (const std::out_of_range&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  parse_images(data, size);
  parse_labels(data, size);

  const size_t split = image_file_length(data, size);
  if (split == size)
    return 0;  // no label file after the images
  std::optional<data::IdxImages> images = parse_images(data, split);
  if (!images)
    return 0;
  std::optional<std::vector<uint8_t>> labels = parse_labels(data + split, size - split);
  if (!labels)
    return 0;
  check_dataset(std::move(*images), std::move(*labels));
  return 0;
}
