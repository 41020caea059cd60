#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nn/network.h"

namespace exporter {

/// A model this exporter cannot write; the message names what is not supported.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What an exported file says about a model besides its layers and weights, read from the model
/// file's metadata JSON: the class names (its "class_names" when that is a list of one string per
/// output, else "0", "1", ...), and the metadata itself, kept verbatim.
struct ModelCard {
  std::vector<std::string> class_names;
  std::string metadata;
};
ModelCard model_card(const nn::Network& network, std::string_view metadata_json);

/// The network as an ONNX model (opset 13, IR version 7): one input "input", float32
/// [N, C, H, W] for a network whose input has rows and columns ([N, 1, 28, 28] for MNIST), or
/// [N, size] for a flat input ([N, 784] for an MLP), holding pixel / 255 (0 paper, 1 full ink);
/// one output "output", [N, classes]: softmax probabilities, or a sigmoid output layer's values.
/// Dense layers are Gemm (transB = 1), convolutions Conv (OIHW weights), 2 x 2 pooling MaxPool,
/// flatten Flatten, activations Relu, Sigmoid, Tanh and Softmax; initializers are float32.
/// Metadata (metadata_props): class_names (a JSON list), input_scaling, input_layout,
/// architecture, and model_metadata (the model file's JSON). Deterministic: the same network and
/// metadata give the same bytes on every build. Throws ExportError for a layer it cannot express.
std::vector<uint8_t> export_onnx(const nn::Network& network, std::string_view metadata_json);

/// The weights as a .safetensors file: "<i>.weight" and "<i>.bias" for layer i (0-based, in the
/// layer list; dense weights [outputs, inputs], convolution weights [filters, channels, k, k],
/// PyTorch's own layouts), with __metadata__ holding the layer list as JSON ("layers"),
/// "input_shape", "class_names" and "input_scaling": enough to rebuild the network in PyTorch
/// (README, "Models outside the page").
std::vector<uint8_t> export_safetensors(const nn::Network& network, std::string_view metadata_json);

}  // namespace exporter
