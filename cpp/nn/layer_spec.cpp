#include "nn/layer_spec.h"

namespace nn {

std::string to_string(const Shape& shape) {
  if (shape.flat())
    return std::to_string(shape.channels);
  return std::to_string(shape.channels) + "x" + std::to_string(shape.height) + "x" +
         std::to_string(shape.width);
}

std::string_view layer_kind_name(LayerKind kind) {
  switch (kind) {
    case LayerKind::Dense:
      return "dense";
    case LayerKind::Conv2D:
      return "conv2d";
    case LayerKind::MaxPool:
      return "maxpool";
    case LayerKind::Flatten:
      return "flatten";
  }
  return "unknown";
}

std::string_view padding_name(Padding padding) {
  return padding == Padding::Same ? "same" : "valid";
}

LayerSpec LayerSpec::dense(int units, Activation activation) {
  LayerSpec spec;
  spec.kind = LayerKind::Dense;
  spec.units = units;
  spec.activation = activation;
  return spec;
}

LayerSpec LayerSpec::conv2d(int kernel, int filters, Activation activation, Padding padding) {
  LayerSpec spec;
  spec.kind = LayerKind::Conv2D;
  spec.units = filters;
  spec.kernel = kernel;
  spec.padding = padding;
  spec.activation = activation;
  return spec;
}

LayerSpec LayerSpec::max_pool() {
  LayerSpec spec;
  spec.kind = LayerKind::MaxPool;
  return spec;
}

LayerSpec LayerSpec::flatten() {
  LayerSpec spec;
  spec.kind = LayerKind::Flatten;
  return spec;
}

bool LayerSpec::operator==(const LayerSpec& other) const {
  if (kind != other.kind)
    return false;
  switch (kind) {
    case LayerKind::Dense:
      return units == other.units && activation == other.activation;
    case LayerKind::Conv2D:
      return units == other.units && kernel == other.kernel && padding == other.padding &&
             activation == other.activation;
    case LayerKind::MaxPool:
    case LayerKind::Flatten:
      return true;
  }
  return false;
}

Shape output_shape(const LayerSpec& spec, const Shape& input) {
  switch (spec.kind) {
    case LayerKind::Dense:
      return {spec.units, 1, 1};
    case LayerKind::Conv2D: {
      const int shrink = spec.padding == Padding::Same ? 0 : spec.kernel - 1;
      return {spec.units, input.height - shrink, input.width - shrink};
    }
    case LayerKind::MaxPool:
      return {input.channels, input.height / kPoolSize, input.width / kPoolSize};
    case LayerKind::Flatten:
      return {static_cast<int>(input.size()), 1, 1};
  }
  return input;
}

long long parameter_count(const LayerSpec& spec, const Shape& input) {
  switch (spec.kind) {
    case LayerKind::Dense:
      return static_cast<long long>(spec.units) * (input.size() + 1);
    case LayerKind::Conv2D:
      return static_cast<long long>(spec.units) *
             (static_cast<long long>(input.channels) * spec.kernel * spec.kernel + 1);
    case LayerKind::MaxPool:
    case LayerKind::Flatten:
      return 0;
  }
  return 0;
}

}  // namespace nn
