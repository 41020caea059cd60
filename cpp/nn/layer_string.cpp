#include "nn/layer_string.h"

#include <cctype>
#include <stdexcept>

#include "nn/architecture.h"

namespace nn {
namespace {

[[noreturn]] void refuse(std::string_view item, const std::string& why) {
  throw std::invalid_argument("layer '" + std::string(item) + "': " + why);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

// A whole number of at most 7 digits (larger ones are out of every range anyway).
bool parse_count(std::string_view digits, int& value) {
  if (digits.empty() || digits.size() > 7)
    return false;
  value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9')
      return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

void check_range(std::string_view item, const char* what, int value, int low, int high) {
  if (value < low || value > high) {
    refuse(item, std::string(what) + " must be " + std::to_string(low) + " to " +
                     std::to_string(high) + ", got " + std::to_string(value));
  }
}

LayerSpec parse_layer(std::string_view item, Activation default_activation) {
  // The name and its size, then ':'-separated options.
  const size_t colon = item.find(':');
  const std::string_view head = item.substr(0, colon);
  LayerSpec spec;
  if (head == "pool" || head == "maxpool") {
    spec = LayerSpec::max_pool();
  } else if (head == "flatten") {
    spec = LayerSpec::flatten();
  } else if (head.rfind("fc", 0) == 0) {
    int units = 0;
    if (!parse_count(head.substr(2), units))
      refuse(item, "expected fc<units>, e.g. fc120");
    check_range(item, "units", units, 1, kMaxLayerSize);
    spec = LayerSpec::dense(units, default_activation);
  } else if (head.rfind("conv", 0) == 0) {
    const std::string_view size = head.substr(4);
    const size_t x = size.find('x');
    int kernel = 0, filters = 0;
    if (x == std::string_view::npos || !parse_count(size.substr(0, x), kernel) ||
        !parse_count(size.substr(x + 1), filters)) {
      refuse(item, "expected conv<kernel>x<filters>, e.g. conv5x6");
    }
    check_range(item, "the kernel side", kernel, 1, kMaxKernel);
    check_range(item, "filters", filters, 1, kMaxChannels);
    spec = LayerSpec::conv2d(kernel, filters, default_activation, Padding::Valid);
  } else {
    refuse(item, "expected conv<k>x<filters>, pool, flatten or fc<units>");
  }

  bool padding_set = false, activation_set = false;
  for (size_t at = colon; at != std::string_view::npos;) {
    const size_t next = item.find(':', at + 1);
    const std::string_view option =
        item.substr(at + 1, next == std::string_view::npos ? next : next - at - 1);
    at = next;
    if (option == "same" || option == "valid") {
      if (spec.kind != LayerKind::Conv2D)
        refuse(item, "only a convolution takes a padding");
      if (padding_set)
        refuse(item, "the padding is given twice");
      spec.padding = option == "same" ? Padding::Same : Padding::Valid;
      padding_set = true;
      continue;
    }
    if (!spec.has_parameters())
      refuse(item, "a " + std::string(layer_kind_name(spec.kind)) + " layer takes no options");
    if (activation_set)
      refuse(item, "the activation is given twice");
    Activation activation;
    try {
      activation = parse_activation(option);
    } catch (const std::invalid_argument&) {
      refuse(item, "unknown option '" + std::string(option) +
                       "': expected relu, tanh, sigmoid, or same/valid for a convolution");
    }
    if (!is_hidden_activation(activation))
      refuse(item, "a hidden layer's activation must be relu, tanh or sigmoid");
    spec.activation = activation;
    activation_set = true;
  }
  if (spec.kind == LayerKind::Conv2D && spec.padding == Padding::Same && spec.kernel % 2 == 0)
    refuse(item, "'same' padding needs an odd kernel side");
  return spec;
}

}  // namespace

std::vector<LayerSpec> parse_layer_list(std::string_view text, Activation default_activation) {
  std::vector<LayerSpec> layers;
  if (trim(text).empty())
    return layers;
  for (size_t start = 0;;) {
    const size_t comma = text.find(',', start);
    const std::string_view item =
        trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (item.empty())
      throw std::invalid_argument("the layer list has an empty item (two commas in a row?)");
    if (layers.size() >= static_cast<size_t>(kMaxLayers)) {
      throw std::invalid_argument("a layer list may have at most " + std::to_string(kMaxLayers) +
                                  " layers");
    }
    layers.push_back(parse_layer(item, default_activation));
    if (comma == std::string_view::npos)
      break;
    start = comma + 1;
  }
  return layers;
}

std::string format_layer(const LayerSpec& spec, Activation default_activation) {
  std::string text;
  switch (spec.kind) {
    case LayerKind::Dense:
      text = "fc" + std::to_string(spec.units);
      break;
    case LayerKind::Conv2D:
      text = "conv" + std::to_string(spec.kernel) + "x" + std::to_string(spec.units);
      if (spec.padding == Padding::Same)
        text += ":same";
      break;
    case LayerKind::MaxPool:
      return "pool";
    case LayerKind::Flatten:
      return "flatten";
  }
  if (spec.activation != default_activation)
    text += ":" + std::string(activation_name(spec.activation));
  return text;
}

std::string format_layer_list(const std::vector<LayerSpec>& layers, Activation default_activation) {
  std::string text;
  for (const LayerSpec& spec : layers)
    text += (text.empty() ? "" : ",") + format_layer(spec, default_activation);
  return text;
}

}  // namespace nn
