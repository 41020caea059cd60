#pragma once

#include <string_view>

#include "nn/activation.h"
#include "nn/shape.h"

namespace nn {

/// The kinds of layer a network is made of. Codes are stored in model files: never renumber them.
enum class LayerKind : unsigned char { Dense = 0, Conv2D = 1, MaxPool = 2, Flatten = 3 };

/// Padding of a convolution. Codes are stored in model files.
enum class Padding : unsigned char {
  Valid = 0,  // no padding: a k x k kernel shrinks each side by k - 1
  Same = 1,   // (k - 1) / 2 zeros on every side (odd k): the output is as large as the input
};

std::string_view layer_kind_name(LayerKind kind);  // "dense", "conv2d", "maxpool", "flatten"
std::string_view padding_name(Padding padding);    // "valid", "same"

/// The side of max-pooling's window, and its stride: 2 x 2 windows that do not overlap.
inline constexpr int kPoolSize = 2;

/// One layer of an architecture: everything but its parameters.
struct LayerSpec {
  LayerKind kind = LayerKind::Dense;
  int units = 0;   // dense: outputs; conv2d: filters (output channels); otherwise 0
  int kernel = 0;  // conv2d: the kernel's side k (k x k); otherwise 0
  Padding padding = Padding::Valid;             // conv2d only
  Activation activation = Activation::Sigmoid;  // dense and conv2d only

  static LayerSpec dense(int units, Activation activation);
  static LayerSpec conv2d(int kernel, int filters, Activation activation, Padding padding);
  static LayerSpec max_pool();
  static LayerSpec flatten();

  /// Dense and conv2d layers have weights, biases and an activation; pooling and flatten have none.
  bool has_parameters() const { return kind == LayerKind::Dense || kind == LayerKind::Conv2D; }

  bool operator==(const LayerSpec& other) const;
  bool operator!=(const LayerSpec& other) const { return !(*this == other); }
};

/// The shape a layer produces from `input`, assuming the pair is valid (see architecture.h, which
/// checks it). A 2 x 2 pool floors odd sides, as PyTorch and ONNX do.
Shape output_shape(const LayerSpec& spec, const Shape& input);

/// Weights and biases of the layer: dense outputs x (inputs + 1), conv filters x (C k k + 1).
long long parameter_count(const LayerSpec& spec, const Shape& input);

}  // namespace nn
