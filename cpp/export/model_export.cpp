#include "export/model_export.h"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "export/onnx_model.h"
#include "export/safetensors.h"
#include "nn/architecture.h"

namespace exporter {
namespace {

constexpr const char* kProducer = "mnist-nn-wasm";
constexpr const char* kInputScaling =
    "pixel / 255: 0 is paper, 1 is full ink (MNIST's white digit)";

/// The parameter arrays of layer `index` (weight, bias), in canonical row-major order.
struct LayerWeights {
  NamedTensor weight, bias;
};

// Walks the network's parameter list alongside its layers: each layer with parameters owns the
// next two arrays (weight, then bias).
std::vector<LayerWeights> weights_by_layer(const nn::Network& network) {
  std::vector<LayerWeights> out(network.layer_count());
  const std::vector<nn::Parameter>& parameters = network.parameters();
  size_t next = 0;
  for (size_t i = 0; i < network.layer_count(); ++i) {
    if (!network.architecture().layers[i].has_parameters())
      continue;
    for (NamedTensor* tensor : {&out[i].weight, &out[i].bias}) {
      const nn::Parameter& p = parameters.at(next++);
      tensor->name = std::to_string(i) + "." + p.name();
      tensor->shape.assign(p.dims.begin(), p.dims.end());
      tensor->values.resize(static_cast<size_t>(p.size));
      nn::copy_canonical(p, tensor->values.data());
    }
  }
  return out;
}

std::string_view activation_op(nn::Activation activation) {
  switch (activation) {
    case nn::Activation::Sigmoid:
      return "Sigmoid";
    case nn::Activation::Relu:
      return "Relu";
    case nn::Activation::Tanh:
      return "Tanh";
    case nn::Activation::Softmax:
      return "Softmax";
  }
  return "";
}

// The layer list as JSON, for safetensors' metadata and the README's PyTorch loader.
nlohmann::json layers_json(const nn::Architecture& architecture) {
  const std::vector<nn::Shape> shapes = architecture.shapes();
  nlohmann::json layers = nlohmann::json::array();
  for (size_t i = 0; i < architecture.layers.size(); ++i) {
    const nn::LayerSpec& spec = architecture.layers[i];
    nlohmann::json layer{{"kind", std::string(nn::layer_kind_name(spec.kind))}};
    switch (spec.kind) {
      case nn::LayerKind::Dense:
        layer["inputs"] = shapes[i].size();
        layer["units"] = spec.units;
        break;
      case nn::LayerKind::Conv2D:
        layer["channels"] = shapes[i].channels;
        layer["filters"] = spec.units;
        layer["kernel"] = spec.kernel;
        layer["padding"] = std::string(nn::padding_name(spec.padding));
        break;
      case nn::LayerKind::MaxPool:
        layer["size"] = nn::kPoolSize;
        break;
      case nn::LayerKind::Flatten:
        break;
    }
    if (spec.has_parameters())
      layer["activation"] = std::string(nn::activation_name(spec.activation));
    layers.push_back(std::move(layer));
  }
  return layers;
}

std::string class_names_json(const ModelCard& card) {
  return nlohmann::json(card.class_names).dump();
}

std::string input_layout(const nn::Shape& input) {
  return input.flat()
             ? "[N, " + std::to_string(input.size()) + "]: one row of pixels per image"
             : "[N, " + std::to_string(input.channels) + ", " + std::to_string(input.height) +
                   ", " + std::to_string(input.width) + "]: NCHW";
}

}  // namespace

ModelCard model_card(const nn::Network& network, std::string_view metadata_json) {
  ModelCard card;
  card.metadata = std::string(metadata_json);
  const auto outputs = static_cast<size_t>(network.output_size());
  // Metadata from elsewhere may be anything: a list that is not one string per class is ignored.
  const nlohmann::json metadata = nlohmann::json::parse(metadata_json, nullptr, false);
  if (metadata.is_object() && metadata.contains("class_names")) {
    const nlohmann::json& names = metadata["class_names"];
    if (names.is_array() && names.size() == outputs) {
      for (const nlohmann::json& name : names) {
        if (!name.is_string())
          break;
        card.class_names.push_back(name.get<std::string>());
      }
    }
  }
  if (card.class_names.size() != outputs) {
    card.class_names.clear();
    for (size_t i = 0; i < outputs; ++i)
      card.class_names.push_back(std::to_string(i));
  }
  return card;
}

std::vector<uint8_t> export_onnx(const nn::Network& network, std::string_view metadata_json) {
  namespace onnx = exporter::onnx;
  const nn::Architecture& architecture = network.architecture();
  const std::vector<nn::Shape> shapes = architecture.shapes();
  const ModelCard card = model_card(network, metadata_json);
  std::vector<LayerWeights> weights = weights_by_layer(network);

  onnx::Model model;
  model.producer_name = kProducer;
  model.producer_version = "1";
  model.doc = "Exported from " + std::string(kProducer) + ": " + nn::describe(architecture);
  onnx::Graph& graph = model.graph;
  graph.name = "classifier";

  auto dims = [](const nn::Shape& shape) {
    std::vector<onnx::Dimension> out{{0, "N"}};
    if (shape.flat()) {
      out.push_back({shape.size(), ""});
    } else {
      out.push_back({shape.channels, ""});
      out.push_back({shape.height, ""});
      out.push_back({shape.width, ""});
    }
    return out;
  };
  graph.inputs.push_back({"input", dims(architecture.input), kInputScaling});

  std::string current = "input";
  for (size_t i = 0; i < architecture.layers.size(); ++i) {
    const nn::LayerSpec& spec = architecture.layers[i];
    const std::string prefix = std::to_string(i);
    const bool last = i + 1 == architecture.layers.size();
    onnx::Node node;
    node.name = prefix + "." + std::string(nn::layer_kind_name(spec.kind));
    node.inputs = {current};
    switch (spec.kind) {
      case nn::LayerKind::Dense:
        if (!shapes[i].flat())  // validate_architecture forbids it; a Gemm needs 2-D input
          throw ExportError("layer " + std::to_string(i + 1) + " is dense on unflattened input");
        node.op_type = "Gemm";
        node.inputs.push_back(weights[i].weight.name);
        node.inputs.push_back(weights[i].bias.name);
        node.attributes.push_back(onnx::Attribute::of_int("transB", 1));
        break;
      case nn::LayerKind::Conv2D: {
        const int64_t pad = spec.padding == nn::Padding::Same ? (spec.kernel - 1) / 2 : 0;
        node.op_type = "Conv";
        node.inputs.push_back(weights[i].weight.name);
        node.inputs.push_back(weights[i].bias.name);
        node.attributes = {onnx::Attribute::of_ints("kernel_shape", {spec.kernel, spec.kernel}),
                           onnx::Attribute::of_ints("pads", {pad, pad, pad, pad}),
                           onnx::Attribute::of_ints("strides", {1, 1})};
        break;
      }
      case nn::LayerKind::MaxPool:
        node.op_type = "MaxPool";
        node.attributes = {onnx::Attribute::of_ints("kernel_shape", {nn::kPoolSize, nn::kPoolSize}),
                           onnx::Attribute::of_ints("strides", {nn::kPoolSize, nn::kPoolSize})};
        break;
      case nn::LayerKind::Flatten:
        node.op_type = "Flatten";
        node.attributes.push_back(onnx::Attribute::of_int("axis", 1));
        break;
      default:
        throw ExportError("layer " + std::to_string(i + 1) + " is of a kind (" +
                          std::string(nn::layer_kind_name(spec.kind)) +
                          ") that ONNX export does not support");
    }
    current = prefix + "." + (spec.has_parameters() ? "z" : "out");
    node.outputs = {last && !spec.has_parameters() ? "output" : current};
    graph.nodes.push_back(std::move(node));
    if (spec.has_parameters()) {
      for (NamedTensor* tensor : {&weights[i].weight, &weights[i].bias}) {
        onnx::Tensor initializer;
        initializer.name = tensor->name;
        initializer.dims = tensor->shape;
        initializer.floats = std::move(tensor->values);
        graph.initializers.push_back(std::move(initializer));
      }
      onnx::Node activation;
      activation.op_type = std::string(activation_op(spec.activation));
      activation.name = prefix + "." + std::string(nn::activation_name(spec.activation));
      activation.inputs = {current};
      current = prefix + ".out";
      activation.outputs = {last ? "output" : current};
      if (spec.activation == nn::Activation::Softmax)
        activation.attributes.push_back(onnx::Attribute::of_int("axis", 1));
      graph.nodes.push_back(std::move(activation));
    }
  }
  graph.outputs.push_back(
      {"output",
       {{0, "N"}, {architecture.output_size(), ""}},
       architecture.output_activation() == nn::Activation::Softmax
           ? "class probabilities (softmax)"
           : "per-class outputs of a sigmoid layer; the largest is the prediction"});

  model.metadata = {{"class_names", class_names_json(card)},
                    {"input_scaling", kInputScaling},
                    {"input_layout", input_layout(architecture.input)},
                    {"architecture", nn::describe(architecture)},
                    {"model_metadata", card.metadata}};
  return onnx::encode_model(model);
}

std::vector<uint8_t> export_safetensors(const nn::Network& network,
                                        std::string_view metadata_json) {
  const nn::Architecture& architecture = network.architecture();
  const ModelCard card = model_card(network, metadata_json);
  std::vector<NamedTensor> tensors;
  for (LayerWeights& layer : weights_by_layer(network)) {
    if (layer.weight.name.empty())
      continue;
    tensors.push_back(std::move(layer.weight));
    tensors.push_back(std::move(layer.bias));
  }
  const nn::Shape& input = architecture.input;
  return encode_safetensors(
      tensors, {{"layers", layers_json(architecture).dump()},
                {"input_shape", nlohmann::json({input.channels, input.height, input.width}).dump()},
                {"loss", std::string(nn::loss_name(architecture.loss))},
                {"class_names", class_names_json(card)},
                {"input_scaling", kInputScaling},
                {"model_metadata", card.metadata}});
}

}  // namespace exporter
