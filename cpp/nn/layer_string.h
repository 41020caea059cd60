#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nn/layer_spec.h"

namespace nn {

/// The compact layer-list notation the native trainer's --layers and the page's settings take:
/// layers separated by commas, each
///   conv<k>x<filters>[:same|:valid][:<activation>]   a k x k convolution, stride 1 (valid default)
///   pool                                             2 x 2 max-pooling, stride 2
///   flatten                                          channels x height x width -> one vector
///   fc<units>[:<activation>]                         a dense (fully connected) layer
/// where <activation> is relu, tanh or sigmoid (default: `default_activation`). A flatten is
/// implied before a dense layer that follows a convolution or a pooling. Example (the cnn preset):
///   conv5x6,pool,conv5x16,pool,fc120,fc84
/// Throws std::invalid_argument naming the item that does not parse. Ranges (kernel, filters,
/// units) are checked here; whether the layers fit the input is validate_architecture's job.
std::vector<LayerSpec> parse_layer_list(std::string_view text, Activation default_activation);

/// One layer in that notation; the activation is written unless it equals `default_activation`.
std::string format_layer(const LayerSpec& spec, Activation default_activation);

/// A list in that notation (the inverse of parse_layer_list for lists it produced).
std::string format_layer_list(const std::vector<LayerSpec>& layers, Activation default_activation);

}  // namespace nn
