#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nn/network.h"

namespace nn {

/// The model file. All integers are unsigned 32-bit little-endian unless said otherwise; floats
/// IEEE-754 binary32 little-endian. Two versions share the magic, the metadata, the parameters'
/// canonical order (parameter.h) and the trailing checksum:
///
///   offset  size       field
///   0       4          magic "NNMF"
///   4       4          version: 1 or 2
///   8       ...        the version's header (below)
///   ..      4          M, the metadata length, at most 65536
///   ..      M          metadata: UTF-8 JSON chosen by the writer (preset, epochs, accuracy, ...)
///   ..      ...        parameters, layer by layer: weights, then biases, canonical order
///                      (dense: outputs x inputs, row-major; conv2d: filters x channels x k x k)
///   end-4   4          CRC-32 (IEEE, as zlib) of every byte before it
///
/// Version 1: fully connected networks (Architecture::is_mlp). L is the number of weight layers.
///   8       4          L, 1..8
///   12      4 (L+1)    layer sizes: input, hidden..., output
///   ..      1          hidden activation: 0 sigmoid, 1 relu, 2 tanh
///   ..      1          output activation: 0 sigmoid, 3 softmax
///   ..      1          loss: 0 mean squared error, 1 cross-entropy
///   ..      1          reserved, 0
///
/// Version 2: a layer list. L is the number of layers (pooling and flatten included).
///   8       12         input shape: channels, height, width
///   20      4          L, 1..20
///   24      16 L       per layer:
///                        1  kind: 0 dense, 1 conv2d, 2 max-pool 2x2 stride 2, 3 flatten
///                        1  activation (dense, conv2d): 0 sigmoid, 1 relu, 2 tanh, 3 softmax;
///                           0 for the others
///                        1  padding (conv2d): 0 valid, 1 same; 0 for the others
///                        1  kernel side (conv2d); 0 for the others
///                        12 output shape: channels (dense units, conv2d filters), height, width
///   ..      1          loss: 0 mean squared error, 1 cross-entropy
///   ..      3          reserved, 0
///
/// Writers use the oldest version that holds the network (version 1 for an MLP, so older readers
/// still load it). A file whose length differs from what its header implies is refused, as is
/// any output shape that disagrees with what its layer computes, any NaN or infinity, and weights
/// so large that a forward pass on inputs in [0, 1] could overflow.
inline constexpr uint32_t kModelFormatVersion = 2;  // the newest this program reads and writes
inline constexpr uint32_t kMaxModelMetadataBytes = 65536;

/// Why a model file was refused; the message says what is wrong in words a person understands.
class ModelFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Model {
  Network network;       // built for inference: no gradients
  std::string metadata;  // the JSON stored beside the weights, or empty
  uint32_t version = 0;  // the file's format version
};

/// The network as a model file: version 1 when it can hold the network, else 2; or the given
/// `version` (throws std::invalid_argument when version 1 cannot hold it, or for an unknown one).
std::vector<uint8_t> encode_model(const Network& network,
                                  std::string_view metadata = {},
                                  uint32_t version = 0);

/// Throws ModelFormatError for a wrong magic, an unknown version, a truncated or padded file,
/// a bad checksum, an impossible architecture, non-finite weights or weights that overflow.
Model decode_model(const uint8_t* data, size_t size);

void save_model_file(const std::string& path,
                     const Network& network,
                     std::string_view metadata = {});
Model load_model_file(const std::string& path);

}  // namespace nn
