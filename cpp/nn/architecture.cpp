#include "nn/architecture.h"

#include <stdexcept>

#include "nn/layer_string.h"

namespace nn {
namespace {

[[noreturn]] void refuse(const std::string& message) {
  throw std::invalid_argument(message);
}

std::string range(long long low, long long high) {
  return "between " + std::to_string(low) + " and " + std::to_string(high);
}

// "layer 3 (conv5x16): " — layers counted from 1, as a person reads the list.
std::string layer_prefix(size_t index, const LayerSpec& spec) {
  return "layer " + std::to_string(index + 1) + " (" + format_layer(spec, spec.activation) + "): ";
}

// Checks one layer against the shape it receives; `flat_before` says a dense or flatten layer
// came earlier (after which the data no longer has rows and columns).
void validate_layer(size_t index,
                    const LayerSpec& spec,
                    const Shape& input,
                    bool is_output,
                    bool flat_before) {
  const std::string at = layer_prefix(index, spec);
  switch (spec.kind) {
    case LayerKind::Dense:
      if (!input.flat()) {
        refuse(at + "a dense layer needs a flat input, not " + to_string(input) +
               ": put a flatten before it");
      }
      if (is_output) {
        if (spec.units < 2 || spec.units > kMaxClasses) {
          refuse("output size (number of classes) must be " + range(2, kMaxClasses) + ", got " +
                 std::to_string(spec.units));
        }
        if (!is_output_activation(spec.activation)) {
          refuse("output activation must be sigmoid or softmax, got " +
                 std::string(activation_name(spec.activation)));
        }
      } else if (spec.units < 1 || spec.units > kMaxLayerSize) {
        refuse(at + "hidden size must be " + range(1, kMaxLayerSize) + ", got " +
               std::to_string(spec.units));
      }
      break;
    case LayerKind::Conv2D:
      if (flat_before)
        refuse(at + "convolutions and pooling must come before any flatten or dense layer");
      if (spec.units < 1 || spec.units > kMaxChannels) {
        refuse(at + "a convolution's filters must be " + range(1, kMaxChannels) + ", got " +
               std::to_string(spec.units));
      }
      if (spec.kernel < 1 || spec.kernel > kMaxKernel) {
        refuse(at + "a convolution's kernel side must be " + range(1, kMaxKernel) + ", got " +
               std::to_string(spec.kernel));
      }
      if (spec.padding == Padding::Same && spec.kernel % 2 == 0)
        refuse(at + "'same' padding needs an odd kernel side (1, 3, 5, ...)");
      if (spec.padding == Padding::Valid &&
          (spec.kernel > input.height || spec.kernel > input.width)) {
        refuse(at + "its " + std::to_string(spec.kernel) + "x" + std::to_string(spec.kernel) +
               " kernel does not fit its " + std::to_string(input.height) + "x" +
               std::to_string(input.width) + " input (use fewer poolings, a smaller kernel or " +
               "'same' padding)");
      }
      if (static_cast<long long>(output_shape(spec, input).area()) * input.channels * spec.kernel *
              spec.kernel >
          kMaxUnrolledValues) {
        refuse(at + "it would unroll more than " + std::to_string(kMaxUnrolledValues) +
               " values per sample (fewer channels or a smaller kernel)");
      }
      break;
    case LayerKind::MaxPool:
      if (flat_before)
        refuse(at + "convolutions and pooling must come before any flatten or dense layer");
      if (input.height < kPoolSize || input.width < kPoolSize) {
        refuse(at + "2x2 pooling needs an input of at least 2x2, got " +
               std::to_string(input.height) + "x" + std::to_string(input.width));
      }
      break;
    case LayerKind::Flatten:
      break;
  }
  if (spec.has_parameters() && !is_output && !is_hidden_activation(spec.activation)) {
    refuse(at + "hidden activation must be sigmoid, relu or tanh, got " +
           std::string(activation_name(spec.activation)));
  }
  const Shape output = output_shape(spec, input);
  if (output.size() > kMaxLayerValues) {
    refuse(at + "it produces " + std::to_string(output.size()) + " values per sample (" +
           to_string(output) + "); at most " + std::to_string(kMaxLayerValues) + " are allowed");
  }
}

}  // namespace

Architecture Architecture::mlp(const std::vector<int>& sizes,
                               Activation hidden,
                               Activation output,
                               Loss loss) {
  Architecture a;
  a.input = {sizes.empty() ? 0 : sizes.front(), 1, 1};
  for (size_t i = 1; i < sizes.size(); ++i)
    a.layers.push_back(LayerSpec::dense(sizes[i], i + 1 == sizes.size() ? output : hidden));
  a.loss = loss;
  return a;
}

std::vector<Shape> Architecture::shapes() const {
  std::vector<Shape> result{input};
  for (const LayerSpec& spec : layers)
    result.push_back(output_shape(spec, result.back()));
  return result;
}

std::vector<int> Architecture::sizes() const {
  std::vector<int> result;
  for (const Shape& shape : shapes())
    result.push_back(static_cast<int>(shape.size()));
  return result;
}

bool Architecture::is_mlp() const {
  if (!input.flat())
    return false;
  for (const LayerSpec& spec : layers) {
    if (spec.kind != LayerKind::Dense)
      return false;
  }
  // Version 1 stores one hidden activation for every hidden layer.
  for (size_t i = 1; i + 1 < layers.size(); ++i) {
    if (layers[i].activation != layers[0].activation)
      return false;
  }
  return true;
}

void validate_architecture(const Architecture& architecture) {
  const auto& layers = architecture.layers;
  int weight_layers = 0;
  for (const LayerSpec& spec : layers)
    weight_layers += spec.has_parameters() ? 1 : 0;
  if (weight_layers < 1 || weight_layers > kMaxWeightLayers) {
    refuse("a network needs " + range(1, kMaxWeightLayers) + " weight layers, got " +
           std::to_string(weight_layers));
  }
  if (layers.size() > static_cast<size_t>(kMaxLayers)) {
    refuse("a network may have at most " + std::to_string(kMaxLayers) + " layers, got " +
           std::to_string(layers.size()));
  }
  const Shape& input = architecture.input;
  if (input.flat()) {
    if (input.channels < 1 || input.channels > kMaxLayerSize)
      refuse("input size must be " + range(1, kMaxLayerSize) + ", got " +
             std::to_string(input.channels));
  } else if (input.channels < 1 || input.channels > kMaxChannels || input.height < 1 ||
             input.width < 1 || input.size() > kMaxLayerValues) {
    refuse("the input shape " + std::to_string(input.channels) + "x" +
           std::to_string(input.height) + "x" + std::to_string(input.width) +
           " is out of bounds (1 to " + std::to_string(kMaxChannels) + " channels, at most " +
           std::to_string(kMaxLayerValues) + " values)");
  }
  if (layers.back().kind != LayerKind::Dense)
    refuse("the last layer must be a dense output layer, got " +
           std::string(layer_kind_name(layers.back().kind)));

  Shape shape = input;
  bool flat_before = false;
  long long parameters = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    validate_layer(i, layers[i], shape, i + 1 == layers.size(), flat_before);
    parameters += parameter_count(layers[i], shape);
    flat_before |= layers[i].kind == LayerKind::Dense || layers[i].kind == LayerKind::Flatten;
    shape = output_shape(layers[i], shape);
  }
  if (parameters > kMaxParameters) {
    refuse("the network would have " + std::to_string(parameters) + " parameters; the limit is " +
           std::to_string(kMaxParameters));
  }
}

std::string describe(const Architecture& architecture) {
  const auto& layers = architecture.layers;
  std::string text;
  // One hidden activation for all when they agree ("relu/softmax"), else per layer.
  const LayerSpec* first_hidden = nullptr;
  bool shared = true;
  for (size_t i = 0; i + 1 < layers.size(); ++i) {
    if (!layers[i].has_parameters())
      continue;
    if (first_hidden && layers[i].activation != first_hidden->activation)
      shared = false;
    if (!first_hidden)
      first_hidden = &layers[i];
  }
  const Activation hidden = first_hidden ? first_hidden->activation : Activation::Sigmoid;
  if (architecture.is_mlp()) {
    for (int size : architecture.sizes())
      text += (text.empty() ? "" : "-") + std::to_string(size);
  } else {
    text = to_string(architecture.input) + " ";
    for (size_t i = 0; i < layers.size(); ++i) {
      const LayerSpec& spec = layers[i];
      const bool last = i + 1 == layers.size();
      text += (i ? "," : "") + format_layer(spec, shared && !last ? hidden : spec.activation);
      if (!last && !shared && spec.has_parameters())
        text += ":" + std::string(activation_name(spec.activation));
    }
  }
  text += ' ';
  if (first_hidden && shared) {
    text += activation_name(hidden);
    text += '/';
  }
  text += activation_name(architecture.output_activation());
  text += ' ';
  text += loss_name(architecture.loss);
  return text;
}

long long parameter_count(const Architecture& architecture) {
  long long count = 0;
  Shape shape = architecture.input;
  for (const LayerSpec& spec : architecture.layers) {
    count += parameter_count(spec, shape);
    shape = output_shape(spec, shape);
  }
  return count;
}

namespace {

// Per sample: [0] forward buffers, [1] the extra buffers training adds.
std::pair<long long, long long> floats_per_sample(const Architecture& architecture) {
  long long forward = 0, training = 0;
  Shape shape = architecture.input;
  for (size_t i = 0; i < architecture.layers.size(); ++i) {
    const LayerSpec& spec = architecture.layers[i];
    const Shape out = output_shape(spec, shape);
    switch (spec.kind) {
      case LayerKind::Dense:
        forward += out.size();   // activations
        training += out.size();  // delta
        break;
      case LayerKind::Conv2D: {
        const long long patches =
            static_cast<long long>(out.area()) * shape.channels * spec.kernel * spec.kernel;
        forward += patches + 2 * out.size();             // patches, the product, activations
        training += out.size() + (i > 0 ? patches : 0);  // delta, the patches' gradient
        break;
      }
      case LayerKind::MaxPool:
        forward += out.size();
        training += 2 * out.size();  // delta, argmax
        break;
      case LayerKind::Flatten:
        break;  // a view of its input
    }
    shape = out;
  }
  return {forward, training};
}

}  // namespace

long long forward_floats_per_sample(const Architecture& architecture) {
  return floats_per_sample(architecture).first;
}

long long training_floats_per_sample(const Architecture& architecture) {
  const auto [forward, training] = floats_per_sample(architecture);
  return forward + training;
}

}  // namespace nn
