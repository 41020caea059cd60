#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nn/network.h"

namespace nn {

/// The model file, version 1. All integers are unsigned 32-bit little-endian; floats IEEE-754
/// binary32 little-endian. L is the number of weight layers.
///
///   offset  size       field
///   0       4          magic "NNMF"
///   4       4          version (1)
///   8       4          L, 1..8
///   12      4 (L+1)    layer sizes: input, hidden..., output
///   ..      1          hidden activation: 0 sigmoid, 1 relu, 2 tanh
///   ..      1          output activation: 0 sigmoid, 3 softmax
///   ..      1          loss: 0 mean squared error, 1 cross-entropy
///   ..      1          reserved, 0
///   ..      4          M, the metadata length, at most 65536
///   ..      M          metadata: UTF-8 JSON chosen by the writer (preset, epochs, accuracy, ...)
///   ..      per layer  weights, outputs x inputs, row-major (row j = unit j's input weights),
///                      then the outputs biases
///   end-4   4          CRC-32 (IEEE, as zlib) of every byte before it
///
/// A file whose length differs from what its header implies is rejected, as is any NaN or infinity,
/// and weights so large that a forward pass on inputs in [0, 1] could overflow.
inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr uint32_t kMaxModelMetadataBytes = 65536;

/// Why a model file was refused; the message says what is wrong in words a person understands.
class ModelFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Model {
  Network network;
  std::string metadata;  // the JSON stored beside the weights, or empty
};

std::vector<uint8_t> encode_model(const Network& network, std::string_view metadata = {});

/// Throws ModelFormatError for a wrong magic, another version, a truncated or padded file,
/// a bad checksum, an impossible architecture, non-finite weights or weights that overflow.
Model decode_model(const uint8_t* data, size_t size);

void save_model_file(const std::string& path,
                     const Network& network,
                     std::string_view metadata = {});
Model load_model_file(const std::string& path);

}  // namespace nn
