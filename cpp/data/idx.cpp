#include "data/idx.h"

#include <cstdio>

#include "base/bytes.h"
#include "base/files.h"

namespace data {
namespace {

// Refuse to read files this large: real MNIST images are 47 MB.
constexpr size_t kMaxIdxFileBytes = size_t(256) << 20;

std::string describe_magic(uint32_t magic) {
  if (magic == kIdxImagesMagic)
    return "an IDX image file (0x00000803)";
  if (magic == kIdxLabelsMagic)
    return "an IDX label file (0x00000801)";
  if ((magic >> 24) == 0x1F && ((magic >> 16) & 0xFF) == 0x8B)
    return "a gzip file (decompress it first)";
  char hex[11];
  std::snprintf(hex, sizeof hex, "0x%08X", magic);
  return std::string("magic ") + hex;
}

uint32_t read_magic(base::ByteReader& in, uint32_t expected, const char* kind) {
  uint32_t magic = 0;
  if (!in.read_u32_be(magic)) {
    throw IdxError(std::string("not an IDX ") + kind +
                   " file: it is shorter than its 4-byte magic");
  }
  if (magic != expected) {
    throw IdxError(std::string("not an IDX ") + kind + " file: expected magic " +
                   (expected == kIdxImagesMagic ? "0x00000803" : "0x00000801") + ", found " +
                   describe_magic(magic));
  }
  return magic;
}

uint32_t read_dimension(base::ByteReader& in, const char* name, uint32_t max) {
  uint32_t value = 0;
  if (!in.read_u32_be(value)) {
    throw IdxError(std::string("the IDX header is truncated: it ends before the ") + name);
  }
  if (value > max) {
    throw IdxError(std::string("the IDX header claims ") + std::to_string(value) + " " + name +
                   ", more than the limit of " + std::to_string(max));
  }
  return value;
}

void check_payload(const base::ByteReader& in, uint64_t expected, const char* what) {
  if (in.remaining() < expected) {
    throw IdxError(std::string("the IDX file is truncated: its header promises ") +
                   std::to_string(expected) + " bytes of " + what + " but only " +
                   std::to_string(in.remaining()) + " follow");
  }
  if (in.remaining() > expected) {
    throw IdxError(std::string("the IDX file has ") + std::to_string(in.remaining() - expected) +
                   " bytes more than its header promises");
  }
}

template <typename Parse>
auto parse_file(const std::string& path, Parse parse) {
  std::vector<uint8_t> bytes = base::read_file(path, kMaxIdxFileBytes);
  try {
    return parse(std::move(bytes));
  } catch (const IdxError& error) {
    throw IdxError("'" + path + "': " + error.what());
  }
}

// Validates the header and the payload length; returns the dimensions and the header's length.
IdxImages parse_image_header(const uint8_t* data, size_t size, size_t& header_bytes) {
  base::ByteReader in(data, size);
  read_magic(in, kIdxImagesMagic, "image");
  IdxImages images;
  images.count = read_dimension(in, "images", kMaxIdxItems);
  images.rows = read_dimension(in, "rows", kMaxIdxImageSide);
  images.cols = read_dimension(in, "columns", kMaxIdxImageSide);
  if (images.rows == 0 || images.cols == 0)
    throw IdxError("the IDX header claims images of size 0");
  check_payload(in, uint64_t(images.count) * images.rows * images.cols, "pixels");
  header_bytes = in.offset();
  return images;
}

}  // namespace

IdxImages parse_idx_images(const uint8_t* data, size_t size) {
  size_t header_bytes = 0;
  IdxImages images = parse_image_header(data, size, header_bytes);
  images.pixels.assign(data + header_bytes, data + size);
  return images;
}

IdxImages parse_idx_images(std::vector<uint8_t>&& bytes) {
  size_t header_bytes = 0;
  IdxImages images = parse_image_header(bytes.data(), bytes.size(), header_bytes);
  bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header_bytes));
  images.pixels = std::move(bytes);
  return images;
}

std::vector<uint8_t> parse_idx_labels(const uint8_t* data, size_t size) {
  base::ByteReader in(data, size);
  read_magic(in, kIdxLabelsMagic, "label");
  const uint32_t count = read_dimension(in, "labels", kMaxIdxItems);
  check_payload(in, count, "labels");
  return {in.current(), in.current() + count};
}

IdxImages read_idx_images(const std::string& path) {
  return parse_file(
      path, [](std::vector<uint8_t>&& bytes) { return parse_idx_images(std::move(bytes)); });
}

std::vector<uint8_t> read_idx_labels(const std::string& path) {
  return parse_file(path, [](std::vector<uint8_t>&& bytes) {
    return parse_idx_labels(bytes.data(), bytes.size());
  });
}

}  // namespace data
