// Writes the fuzzers' seed corpus: small valid files and hand-made edge cases (see README.md).
//   make_seed_corpus MNIST_DIR OUT_DIR   writes OUT_DIR/{idx,model,drawing}/*
// MNIST_DIR holds train-images-idx3-ubyte and train-labels-idx1-ubyte; only their first three
// samples are used. Deterministic: the same files on every run.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "base/crc32.h"
#include "base/files.h"
#include "data/idx.h"
#include "nn/init.h"
#include "nn/layer_string.h"
#include "nn/model_format.h"

namespace {

using Bytes = std::vector<uint8_t>;
namespace fs = std::filesystem;

void put_u32_be(Bytes& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<uint8_t>(value >> shift));
}
void put_u16_le(Bytes& out, uint16_t value) {
  out.push_back(static_cast<uint8_t>(value));
  out.push_back(static_cast<uint8_t>(value >> 8));
}
Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void write(const fs::path& dir, const std::string& name, const Bytes& bytes) {
  fs::create_directories(dir);
  base::write_file((dir / name).string(), bytes);
  std::printf("%6zu  %s\n", bytes.size(), (dir / name).string().c_str());
}

// ---- IDX ----------------------------------------------------------------------------------------

Bytes idx_images(uint32_t count, uint32_t rows, uint32_t cols, const uint8_t* pixels, size_t size) {
  Bytes out;
  put_u32_be(out, data::kIdxImagesMagic);
  put_u32_be(out, count);
  put_u32_be(out, rows);
  put_u32_be(out, cols);
  out.insert(out.end(), pixels, pixels + size);
  return out;
}

Bytes idx_labels(const Bytes& labels) {
  Bytes out;
  put_u32_be(out, data::kIdxLabelsMagic);
  put_u32_be(out, static_cast<uint32_t>(labels.size()));
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

void write_idx_corpus(const fs::path& mnist, const fs::path& dir) {
  const data::IdxImages train = data::read_idx_images((mnist / "train-images-idx3-ubyte").string());
  const Bytes train_labels = data::read_idx_labels((mnist / "train-labels-idx1-ubyte").string());
  const size_t side = train.rows * train.cols;
  auto first_images = [&](uint32_t n) {
    return idx_images(n, train.rows, train.cols, train.pixels.data(), n * side);
  };
  auto first_labels = [&](uint32_t n) {
    return idx_labels(Bytes(train_labels.begin(), train_labels.begin() + n));
  };

  // Real MNIST samples: image files, label files, and image file + label file pairs.
  write(dir, "mnist-images-1", first_images(1));
  write(dir, "mnist-images-3", first_images(3));
  write(dir, "mnist-labels-3", first_labels(3));
  write(dir, "mnist-pair-1", concat(first_images(1), first_labels(1)));
  write(dir, "mnist-pair-3", concat(first_images(3), first_labels(3)));

  // Hand-made: tiny valid pairs and everything a reader must refuse.
  const uint8_t tiny[] = {0, 255, 16, 15};
  write(dir, "pair-2x1x2", concat(idx_images(2, 1, 2, tiny, 4), idx_labels({3, 9})));
  write(dir, "pair-label-out-of-range", concat(idx_images(1, 2, 2, tiny, 4), idx_labels({10})));
  write(dir, "pair-count-mismatch", concat(idx_images(2, 1, 2, tiny, 4), idx_labels({1})));
  write(dir, "images-header-only", idx_images(0, 28, 28, nullptr, 0));
  write(dir, "labels-header-only", idx_labels({}));
  write(dir, "images-truncated-pixels", idx_images(2, 28, 28, train.pixels.data(), side + 5));
  write(dir, "images-one-extra-byte", idx_images(1, 1, 2, tiny, 3));
  const Bytes one_image = first_images(1);
  write(dir, "images-truncated-header", Bytes(one_image.begin(), one_image.begin() + 10));
  write(dir, "images-zero-rows", idx_images(1, 0, 28, nullptr, 0));
  write(dir, "images-huge-claims", idx_images(0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu, tiny, 4));
  write(dir, "images-side-257", idx_images(1, 257, 1, nullptr, 0));
  Bytes wrong_magic = one_image;
  wrong_magic[3] = 0x02;
  write(dir, "images-wrong-magic", wrong_magic);
  write(dir, "gzip-magic", {0x1F, 0x8B, 0x08, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03});
  write(dir, "empty", {});
}

// ---- model files --------------------------------------------------------------------------------

nn::Network network(std::vector<int> sizes,
                    nn::Activation hidden,
                    nn::Activation output,
                    nn::Loss loss,
                    nn::Init init,
                    uint64_t seed) {
  nn::Network net(nn::Architecture::mlp(sizes, hidden, output, loss));
  nn::initialize(net, init, seed);
  return net;
}

// input -> the layer list -> a softmax output of `classes`, cross-entropy (version 2 files).
nn::Network layered(nn::Shape input, const char* layers, int classes, uint64_t seed) {
  nn::Architecture arch;
  arch.input = input;
  arch.layers = nn::parse_layer_list(layers, nn::Activation::Relu);
  arch.layers.push_back(nn::LayerSpec::dense(classes, nn::Activation::Softmax));
  arch.loss = nn::Loss::CrossEntropy;
  nn::Network net(arch);
  nn::initialize(net, nn::Init::He, seed);
  return net;
}

// Rewrites the checksum after a deliberate change, so the decoder gets past it.
Bytes with_crc(Bytes bytes) {
  const uint32_t crc = base::crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i)
    bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (8 * i));
  return bytes;
}

void write_model_corpus(const fs::path& dir) {
  using nn::Activation;
  using nn::Init;
  using nn::Loss;
  const nn::Network tiny = network({3, 2, 2}, Activation::Sigmoid, Activation::Sigmoid,
                                   Loss::MeanSquaredError, Init::Uniform, 1);
  const Bytes tiny_bytes = nn::encode_model(tiny);
  write(dir, "3-2-2-sigmoid-mse", tiny_bytes);
  write(dir, "3-2-2-relu-softmax-ce",
        nn::encode_model(network({3, 2, 2}, Activation::Relu, Activation::Softmax,
                                 Loss::CrossEntropy, Init::He, 2),
                         R"({"preset":"fuzz-seed","epochs":1})"));
  write(dir, "4-3-softmax-ce",
        nn::encode_model(network({4, 3}, Activation::Sigmoid, Activation::Softmax,
                                 Loss::CrossEntropy, Init::Xavier, 3)));
  write(dir, "2-3-3-2-tanh-sigmoid-ce",
        nn::encode_model(network({2, 3, 3, 2}, Activation::Tanh, Activation::Sigmoid,
                                 Loss::CrossEntropy, Init::Xavier, 4),
                         "{}"));
  write(dir, "8-layers",
        nn::encode_model(network({2, 2, 2, 2, 2, 2, 2, 2, 2}, Activation::Relu, Activation::Softmax,
                                 Loss::CrossEntropy, Init::He, 5)));
  write(dir, "784-4-10-relu-softmax-ce",
        nn::encode_model(network({784, 4, 10}, Activation::Relu, Activation::Softmax,
                                 Loss::CrossEntropy, Init::He, 6),
                         R"({"preset":"fuzz-seed","dataset":"mnist"})"));

  // Refusals. Offsets in the 3-2-2 file: 8 layer count, 12 sizes, 24 activations, loss, reserved.
  write(dir, "3-2-2-truncated", Bytes(tiny_bytes.begin(), tiny_bytes.end() - 10));
  Bytes bad_crc = tiny_bytes;
  bad_crc[40] ^= 0x01;
  write(dir, "3-2-2-bad-crc", bad_crc);
  Bytes version_2 = tiny_bytes;
  version_2[4] = 2;
  write(dir, "3-2-2-version-2", with_crc(version_2));
  Bytes softmax_hidden = tiny_bytes;
  softmax_hidden[24] = static_cast<uint8_t>(Activation::Softmax);
  write(dir, "3-2-2-softmax-hidden", with_crc(softmax_hidden));
  Bytes zero_layers = tiny_bytes;
  zero_layers[8] = 0;
  write(dir, "3-2-2-zero-layers", with_crc(zero_layers));
  nn::Network nan_weights = tiny;
  nan_weights.dense(1).weights()(0, 0) = std::numeric_limits<float>::quiet_NaN();
  write(dir, "3-2-2-nan-weight", nn::encode_model(nan_weights));
  write(dir, "not-a-model", {'N', 'N', 'M', 'X', 1, 0, 0, 0});

  // Version 2: layer lists. Small, so mutations of the layer records are frequent.
  const Bytes conv_bytes =
      nn::encode_model(layered({1, 6, 6}, "conv3x2,pool,flatten", 3, 7), R"({"preset":"fuzz-v2"})");
  write(dir, "v2-1x6x6-conv3x2-pool-3", conv_bytes);
  write(dir, "v2-2x5x5-conv3x3same-tanh-pool-fc4-2",
        nn::encode_model(layered({2, 5, 5}, "conv3x3:same:tanh,pool,fc4:sigmoid", 2, 8)));
  write(dir, "v2-1x8x8-two-convs-two-pools",
        nn::encode_model(layered({1, 8, 8}, "conv3x2:same,pool,conv2x3,pool,fc3", 2, 9)));
  write(dir, "v2-1x4x4-flatten-first", nn::encode_model(layered({1, 4, 4}, "flatten,fc3", 2, 10)));
  write(dir, "v2-mlp-3-4-2",
        nn::encode_model(network({3, 4, 2}, Activation::Tanh, Activation::Sigmoid,
                                 Loss::MeanSquaredError, Init::Xavier, 11),
                         "", 2));
  // Refusals behind the checksum. Offsets: 8 input shape, 20 layer count, 24 + 16 i layer i.
  Bytes wrong_shape = conv_bytes;
  wrong_shape[24 + 8] = 5;  // layer 1 claims a height of 5 (it makes 4)
  write(dir, "v2-claimed-shape-wrong", with_crc(wrong_shape));
  Bytes conv_after_flatten = conv_bytes;
  std::swap_ranges(conv_after_flatten.begin() + 24, conv_after_flatten.begin() + 40,
                   conv_after_flatten.begin() + 56);
  write(dir, "v2-conv-after-flatten", with_crc(conv_after_flatten));
  Bytes unknown_kind = conv_bytes;
  unknown_kind[24 + 16] = 9;
  write(dir, "v2-unknown-kind", with_crc(unknown_kind));
}

// ---- drawings (format: see drawing_fuzzer.cpp) --------------------------------------------------

Bytes drawing_header(uint8_t mode, uint16_t width, uint16_t height) {
  Bytes out{mode};
  put_u16_le(out, static_cast<uint16_t>(width - 1));
  put_u16_le(out, static_cast<uint16_t>(height - 1));
  return out;
}

Bytes dot(uint16_t x, uint16_t y, uint8_t value) {
  Bytes out;
  put_u16_le(out, x);
  put_u16_le(out, y);
  out.push_back(value);
  return out;
}

void write_drawing_corpus(const fs::path& dir) {
  constexpr uint8_t kSparse = 4, kRefuse = 8;
  write(dir, "blank-28x28", drawing_header(0, 28, 28));
  write(dir, "one-pixel-1x1", concat(drawing_header(0, 1, 1), {255}));
  write(dir, "faint-below-threshold", concat(drawing_header(0, 28, 28), {15}));

  // A vertical bar: one 28-pixel row with a stroke in the middle, repeated down the canvas.
  Bytes row(28, 0);
  for (int x = 12; x < 16; ++x)
    row[x] = 255;
  write(dir, "bar-28x28-gray", concat(drawing_header(0, 28, 28), row));

  // The same stroke in RGBA order (stride 4: red, green, blue between alpha bytes).
  Bytes rgba_row;
  for (uint8_t alpha : row)
    rgba_row.insert(rgba_row.end(), {alpha, 0, 0, 0});
  write(dir, "bar-28x28-rgba", concat(drawing_header(3, 28, 28), rgba_row));

  // A diagonal stroke of dots on a 280 x 280 RGBA canvas, the page's size.
  Bytes diagonal = drawing_header(kSparse | 3, 280, 280);
  for (uint16_t i = 40; i < 240; i += 8)
    diagonal = concat(diagonal, dot(i, i, 200));
  write(dir, "diagonal-280x280-sparse", diagonal);

  write(dir, "wide-4096x1", concat(drawing_header(0, 4096, 1), {0, 0, 0, 255}));
  write(dir, "tall-1x4096", concat(drawing_header(1, 1, 4096), {40, 0}));

  // Regression seeds: faint ink averaged down to a blank field used to come back "not empty".
  Bytes dither(122, 0);
  dither[10] = 47;
  write(dir, "faint-dither-3356x39", concat(drawing_header(0, 3356, 39), dither));
  write(dir, "two-faint-dots-4096x32",
        concat(drawing_header(kSparse, 4096, 32), concat(dot(0, 0, 16), dot(4095, 31, 16))));

  for (uint8_t kind = 0; kind < 6; ++kind) {
    Bytes refuse{kRefuse};
    put_u16_le(refuse, kind);
    put_u16_le(refuse, 1);
    write(dir, "refuse-" + std::to_string(kind), refuse);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MNIST_DIR OUT_DIR\n", argv[0]);
    return 2;
  }
  try {
    const fs::path out = argv[2];
    write_idx_corpus(argv[1], out / "idx");
    write_model_corpus(out / "model");
    write_drawing_corpus(out / "drawing");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "make_seed_corpus: %s\n", error.what());
    return 1;
  }
  return 0;
}
