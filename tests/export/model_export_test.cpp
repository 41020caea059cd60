#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "export/model_export.h"
#include "nn/init.h"
#include "nn/layer_string.h"
#include "support/networks.h"
#include "support/proto_reader.h"

using test_support::ProtoMessage;
using test_support::unpack_varints;

// How a network maps onto ONNX's graph. That the graph computes what the core computes is checked
// by running it (tests/interop); here, what each layer becomes and what the metadata says.
namespace {

nn::Network small_cnn() {
  nn::Architecture a;
  a.input = {1, 8, 8};
  a.layers = nn::parse_layer_list("conv3x2:same,pool,conv3x3:tanh,flatten,fc5:sigmoid",
                                  nn::Activation::Relu);
  a.layers.push_back(nn::LayerSpec::dense(4, nn::Activation::Softmax));
  a.loss = nn::Loss::CrossEntropy;
  nn::Network network(a, nn::Purpose::Inference);
  nn::initialize(network, nn::Init::He, 7);
  return network;
}

nn::Network small_mlp() {
  nn::Network network(
      test_support::architecture({6, 5, 3}, nn::Activation::Relu, nn::Activation::Sigmoid,
                                 nn::Loss::MeanSquaredError),
      nn::Purpose::Inference);
  nn::initialize(network, nn::Init::Uniform, 3);
  return network;
}

ProtoMessage graph_of(const std::vector<uint8_t>& onnx) {
  return ProtoMessage(onnx.data(), onnx.size()).message(7);
}

std::vector<std::string> op_types(const ProtoMessage& graph) {
  std::vector<std::string> ops;
  for (const auto& node : graph.all(1))
    ops.push_back(ProtoMessage(node.bytes).one(4).bytes);
  return ops;
}

// The attribute `name` of a node, as an AttributeProto.
ProtoMessage attribute(const ProtoMessage& node, const std::string& name) {
  for (const auto& field : node.all(5)) {
    ProtoMessage a(field.bytes);
    if (a.one(1).bytes == name)
      return a;
  }
  FAIL("no attribute " << name);
  return ProtoMessage(std::string());
}

std::string metadata_value(const std::vector<uint8_t>& onnx, const std::string& key) {
  for (const auto& field : ProtoMessage(onnx.data(), onnx.size()).all(14)) {
    ProtoMessage entry(field.bytes);
    if (entry.one(1).bytes == key)
      return entry.one(2).bytes;
  }
  return "(missing)";
}

}  // namespace

TEST_CASE("each layer becomes its ONNX operator, each activation its own node", "[export]") {
  const ProtoMessage graph = graph_of(exporter::export_onnx(small_cnn(), ""));
  CHECK(op_types(graph) == std::vector<std::string>{"Conv", "Relu", "MaxPool", "Conv", "Tanh",
                                                    "Flatten", "Gemm", "Sigmoid", "Gemm",
                                                    "Softmax"});
  const auto nodes = graph.all(1);
  // The chain: each node reads what the one before wrote; the last writes "output".
  for (size_t i = 1; i < nodes.size(); ++i) {
    CHECK(ProtoMessage(nodes[i].bytes).all(1)[0].bytes ==
          ProtoMessage(nodes[i - 1].bytes).one(2).bytes);
  }
  CHECK(ProtoMessage(nodes[0].bytes).all(1)[0].bytes == "input");
  CHECK(ProtoMessage(nodes.back().bytes).one(2).bytes == "output");
}

TEST_CASE("a same convolution pads (k - 1) / 2 on every side, a valid one none", "[export]") {
  const auto nodes = graph_of(exporter::export_onnx(small_cnn(), "")).all(1);
  const ProtoMessage same(nodes[0].bytes), valid(nodes[3].bytes);
  CHECK(unpack_varints(attribute(same, "pads").one(8).bytes) == std::vector<int64_t>{1, 1, 1, 1});
  CHECK(unpack_varints(attribute(valid, "pads").one(8).bytes) == std::vector<int64_t>{0, 0, 0, 0});
  CHECK(unpack_varints(attribute(same, "kernel_shape").one(8).bytes) == std::vector<int64_t>{3, 3});
  const ProtoMessage pool(nodes[2].bytes);
  CHECK(unpack_varints(attribute(pool, "strides").one(8).bytes) == std::vector<int64_t>{2, 2});
  const ProtoMessage softmax(nodes.back().bytes);
  CHECK(attribute(softmax, "axis").one(3).varint == 1);
}

TEST_CASE("initializers are the parameters in canonical order with their shapes", "[export]") {
  const nn::Network network = small_mlp();
  const ProtoMessage graph = graph_of(exporter::export_onnx(network, ""));
  const auto initializers = graph.all(5);
  REQUIRE(initializers.size() == 4);
  const ProtoMessage weight(initializers[0].bytes);
  CHECK(weight.one(8).bytes == "0.weight");
  CHECK(unpack_varints(weight.one(1).bytes) == std::vector<int64_t>{5, 6});  // outputs x inputs
  // Row j holds unit j's input weights: element [j][k] is W(j, k).
  const std::string& raw = weight.one(9).bytes;
  float value;
  std::memcpy(&value, raw.data() + (2 * 6 + 4) * 4, 4);
  CHECK(value == network.dense(0).weights()(2, 4));
  const ProtoMessage bias(initializers[3].bytes);
  CHECK(bias.one(8).bytes == "1.bias");
  CHECK(unpack_varints(bias.one(1).bytes) == std::vector<int64_t>{3});
  std::memcpy(&value, bias.one(9).bytes.data() + 2 * 4, 4);
  CHECK(value == network.dense(1).bias()[2]);
}

TEST_CASE("the input is [N, C, H, W] for an image network and [N, size] for a flat one",
          "[export]") {
  auto dims_of = [](const std::vector<uint8_t>& onnx) {
    const ProtoMessage input(graph_of(onnx).one(11).bytes);
    std::vector<std::string> dims;
    for (const auto& d : input.message(2).message(1).message(2).all(1)) {
      ProtoMessage dim(d.bytes);
      dims.push_back(dim.has(2) ? dim.one(2).bytes : std::to_string(dim.one(1).varint));
    }
    return dims;
  };
  CHECK(dims_of(exporter::export_onnx(small_cnn(), "")) ==
        std::vector<std::string>{"N", "1", "8", "8"});
  CHECK(dims_of(exporter::export_onnx(small_mlp(), "")) == std::vector<std::string>{"N", "6"});
}

TEST_CASE("class names come from the model's metadata when there is one string per class",
          "[export]") {
  const nn::Network network = small_mlp();  // 3 classes
  CHECK(metadata_value(exporter::export_onnx(network, R"({"class_names":["cat","dog","eel"]})"),
                       "class_names") == R"(["cat","dog","eel"])");
  // Anything else is ignored: the digits' names stand in.
  for (const char* metadata :
       {"", "not json", R"({"class_names":["cat","dog"]})", R"({"class_names":["cat",2,"eel"]})",
        R"({"class_names":null})", R"([1,2,3])"}) {
    CAPTURE(metadata);
    CHECK(metadata_value(exporter::export_onnx(network, metadata), "class_names") ==
          R"(["0","1","2"])");
  }
}

TEST_CASE("the model file's metadata is kept verbatim beside the input's scaling", "[export]") {
  const std::string metadata = R"({"preset":"mlp","test_accuracy":0.98})";
  const std::vector<uint8_t> onnx = exporter::export_onnx(small_mlp(), metadata);
  CHECK(metadata_value(onnx, "model_metadata") == metadata);
  CHECK(metadata_value(onnx, "input_scaling").rfind("pixel / 255", 0) == 0);
}

TEST_CASE("an export is the same bytes every time", "[export]") {
  const nn::Network network = small_cnn();
  CHECK(exporter::export_onnx(network, "{}") == exporter::export_onnx(network, "{}"));
  CHECK(exporter::export_safetensors(network, "{}") == exporter::export_safetensors(network, "{}"));
}

TEST_CASE("safetensors holds each layer's weights and the layer list to rebuild it", "[export]") {
  const std::vector<uint8_t> file = exporter::export_safetensors(small_cnn(), "");
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i)
    length = (length << 8) | file[static_cast<size_t>(i)];
  const std::string header(reinterpret_cast<const char*>(file.data()) + 8, length);
  CHECK(header.find(R"("0.weight":{"dtype":"F32","shape":[2,1,3,3])") != std::string::npos);
  CHECK(header.find(R"("5.weight":{"dtype":"F32","shape":[4,5])") != std::string::npos);
  CHECK(header.find(R"(\"kind\":\"conv2d\")") != std::string::npos);
  CHECK(header.find(R"(\"padding\":\"same\")") != std::string::npos);
  CHECK(header.find(R"("input_shape":"[1,8,8]")") != std::string::npos);
  CHECK(header.find("1.weight") == std::string::npos);  // a pooling layer has no weights
}
