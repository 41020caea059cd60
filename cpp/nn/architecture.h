#pragma once

#include <string>
#include <vector>

#include "nn/activation.h"
#include "nn/layer_spec.h"
#include "nn/loss.h"
#include "nn/shape.h"

namespace nn {

/// Everything a network is besides its parameters: the input's shape, the layers in order (the
/// last one is the output layer: dense, with a sigmoid or softmax activation) and the loss.
struct Architecture {
  Shape input;
  std::vector<LayerSpec> layers;
  Loss loss = Loss::MeanSquaredError;

  /// A fully connected network on a flat input: sizes are input, hidden..., output
  /// (784-30-10 is {784, 30, 10}). Hidden sizes are sugar for dense layers.
  static Architecture mlp(const std::vector<int>& sizes,
                          Activation hidden,
                          Activation output,
                          Loss loss);

  int input_size() const { return static_cast<int>(input.size()); }
  int output_size() const { return layers.empty() ? 0 : layers.back().units; }
  Activation output_activation() const {
    return layers.empty() ? Activation::Sigmoid : layers.back().activation;
  }

  /// The shape at every boundary: [0] is the input, [i + 1] what layer i produces.
  std::vector<Shape> shapes() const;

  /// Values per sample at every boundary (an MLP's 784-128-10; a CNN's 784-3456-864-...-10).
  std::vector<int> sizes() const;

  /// Dense layers only, on a flat input: the networks model format version 1 can hold.
  bool is_mlp() const;

  bool operator==(const Architecture& other) const {
    return input == other.input && layers == other.layers && loss == other.loss;
  }
  bool operator!=(const Architecture& other) const { return !(*this == other); }
};

/// Bounds that keep memory and time bounded whatever a model file or a form claims.
inline constexpr int kMaxLayerSize = 4096;           // dense units, and a flat input's size
inline constexpr int kMaxWeightLayers = 8;           // dense and convolution layers
inline constexpr int kMaxLayers = 20;                // all layers, pooling and flatten included
inline constexpr int kMaxChannels = 256;             // convolution filters and input channels
inline constexpr int kMaxKernel = 9;                 // a convolution's kernel side
inline constexpr int kMaxClasses = 256;              // outputs of the output layer
inline constexpr long long kMaxLayerValues = 65536;  // values per sample at any boundary
inline constexpr long long kMaxUnrolledValues = 1 << 20;  // a convolution's patches per sample
inline constexpr long long kMaxParameters = 16'000'000;   // 64 MB of float32 weights

/// Throws std::invalid_argument naming the offending layer (by index and in the layer-list
/// notation of layer_string.h) and the allowed range.
void validate_architecture(const Architecture& architecture);

/// "784-128-10 relu/softmax cross-entropy" for an MLP; for any other network the input shape and
/// the layer list, e.g. "1x28x28 conv5x6,pool,conv5x16,pool,flatten,fc120,fc84,fc10 relu/softmax
/// cross-entropy". For logs and legends.
std::string describe(const Architecture& architecture);

/// Weights and biases of the whole network (assumes a valid architecture).
long long parameter_count(const Architecture& architecture);

/// Floats of per-batch buffers each sample needs in a forward pass (activations, convolution
/// patches), or in training (also deltas and the patches' gradients): what sizes evaluation
/// chunks and bounds the batch size. Assumes a valid architecture.
long long forward_floats_per_sample(const Architecture& architecture);
long long training_floats_per_sample(const Architecture& architecture);

}  // namespace nn
