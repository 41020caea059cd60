#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "export/onnx_model.h"
#include "support/proto_reader.h"

using exporter::onnx::Attribute;
using exporter::onnx::DataType;
using exporter::onnx::Model;
using exporter::onnx::Node;
using exporter::onnx::Tensor;
using test_support::ProtoMessage;
using test_support::unpack_varints;

// Each ONNX field the encoder writes, read back by field number (onnx/onnx.proto) with a reader
// independent of the writer. End to end, tests/onnx runs whole exported files in ONNX Runtime.
namespace {

Model small_model() {
  Model model;
  model.producer_name = "mnist-nn";
  model.producer_version = "2";
  model.doc = "a test";
  model.graph.name = "classifier";
  model.graph.doc = "graph doc";
  model.graph.inputs.push_back({"input", {{0, "N"}, {1, ""}, {28, ""}, {28, ""}}, "pixels"});
  model.graph.outputs.push_back({"probabilities", {{0, "N"}, {10, ""}}, ""});
  Tensor weights;
  weights.name = "fc.weight";
  weights.dims = {2, 3};
  weights.floats = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, -6.5f};
  Tensor shape;
  shape.name = "shape";
  shape.type = DataType::Int64;
  shape.dims = {2};
  shape.ints = {-1, 784};
  model.graph.initializers = {weights, shape};
  model.graph.nodes.push_back(
      {"Gemm",
       "fc",
       {"x", "fc.weight", "fc.bias"},
       {"z"},
       {Attribute::of_int("transB", 1), Attribute::of_float("alpha", 0.5f)}});
  model.graph.nodes.push_back(
      {"MaxPool",
       "pool",
       {"z"},
       {"y"},
       {Attribute::of_ints("kernel_shape", {2, 2}), Attribute::of_string("auto_pad", "NOTSET")}});
  model.metadata = {{"class_names", "[\"0\"]"}, {"input_scaling", "pixel / 255"}};
  return model;
}

ProtoMessage encoded(const Model& model) {
  const std::vector<uint8_t> bytes = exporter::onnx::encode_model(model);
  return ProtoMessage(bytes.data(), bytes.size());
}

float as_float(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

TEST_CASE("ModelProto: ir_version 1, producer 2 and 3, doc 6, opset_import 8", "[onnx]") {
  const ProtoMessage model = encoded(small_model());
  CHECK(model.one(1).varint == 7);
  CHECK(model.one(2).bytes == "mnist-nn");
  CHECK(model.one(3).bytes == "2");
  CHECK(model.one(6).bytes == "a test");
  const ProtoMessage opset = model.message(8);
  CHECK(opset.one(1).bytes.empty());  // the default domain, ai.onnx
  CHECK(opset.one(2).varint == 13);
}

TEST_CASE("ModelProto.metadata_props (14) keeps each key and value, in order", "[onnx]") {
  const auto entries = encoded(small_model()).all(14);
  REQUIRE(entries.size() == 2);
  CHECK(ProtoMessage(entries[0].bytes).one(1).bytes == "class_names");
  CHECK(ProtoMessage(entries[0].bytes).one(2).bytes == "[\"0\"]");
  CHECK(ProtoMessage(entries[1].bytes).one(1).bytes == "input_scaling");
  CHECK(ProtoMessage(entries[1].bytes).one(2).bytes == "pixel / 255");
}

TEST_CASE("GraphProto: node 1 in order, name 2, initializer 5, doc 10, input 11, output 12",
          "[onnx]") {
  const ProtoMessage graph = encoded(small_model()).message(7);
  CHECK(graph.all(1).size() == 2);
  CHECK(ProtoMessage(graph.all(1)[0].bytes).one(4).bytes == "Gemm");
  CHECK(ProtoMessage(graph.all(1)[1].bytes).one(4).bytes == "MaxPool");
  CHECK(graph.one(2).bytes == "classifier");
  CHECK(graph.all(5).size() == 2);
  CHECK(graph.one(10).bytes == "graph doc");
  CHECK(ProtoMessage(graph.one(11).bytes).one(1).bytes == "input");
  CHECK(ProtoMessage(graph.one(12).bytes).one(1).bytes == "probabilities");
}

TEST_CASE("NodeProto: inputs 1, outputs 2, name 3, op_type 4, attributes 5", "[onnx]") {
  const ProtoMessage node(encoded(small_model()).message(7).all(1)[0].bytes);
  const auto inputs = node.all(1);
  REQUIRE(inputs.size() == 3);
  CHECK(inputs[0].bytes == "x");
  CHECK(inputs[1].bytes == "fc.weight");
  CHECK(inputs[2].bytes == "fc.bias");
  CHECK(node.one(2).bytes == "z");
  CHECK(node.one(3).bytes == "fc");
  CHECK(node.one(4).bytes == "Gemm");
  CHECK(node.all(5).size() == 2);
}

TEST_CASE("AttributeProto: name 1, f 2, i 3, s 4, ints 8 packed, type 20", "[onnx]") {
  const ProtoMessage graph = encoded(small_model()).message(7);
  const ProtoMessage gemm(graph.all(1)[0].bytes);
  const ProtoMessage trans_b(gemm.all(5)[0].bytes);
  CHECK(trans_b.one(1).bytes == "transB");
  CHECK(trans_b.one(3).varint == 1);
  CHECK(trans_b.one(20).varint == 2);  // INT
  const ProtoMessage alpha(gemm.all(5)[1].bytes);
  CHECK(alpha.one(2).wire_type == 5);
  CHECK(as_float(alpha.one(2).fixed32) == 0.5f);
  CHECK(alpha.one(20).varint == 1);  // FLOAT

  const ProtoMessage pool(graph.all(1)[1].bytes);
  const ProtoMessage kernel(pool.all(5)[0].bytes);
  CHECK(kernel.one(1).bytes == "kernel_shape");
  CHECK(unpack_varints(kernel.one(8).bytes) == std::vector<int64_t>{2, 2});
  CHECK(kernel.one(20).varint == 7);  // INTS
  const ProtoMessage pad(pool.all(5)[1].bytes);
  CHECK(pad.one(4).bytes == "NOTSET");
  CHECK(pad.one(20).varint == 3);  // STRING
}

TEST_CASE("TensorProto: dims 1 packed, data_type 2, name 8, raw_data 9 little-endian", "[onnx]") {
  const auto initializers = encoded(small_model()).message(7).all(5);
  const ProtoMessage weights(initializers[0].bytes);
  CHECK(unpack_varints(weights.one(1).bytes) == std::vector<int64_t>{2, 3});
  CHECK(weights.one(2).varint == 1);  // FLOAT
  CHECK(weights.one(8).bytes == "fc.weight");
  const std::string& raw = weights.one(9).bytes;
  REQUIRE(raw.size() == 6 * 4);
  float last;
  std::memcpy(&last, raw.data() + 5 * 4, 4);
  CHECK(last == -6.5f);
  CHECK(static_cast<uint8_t>(raw[4 * 4 + 3]) == 0x40);  // 5.0f = 0x40A00000, high byte last

  const ProtoMessage shape(initializers[1].bytes);
  CHECK(shape.one(2).varint == 7);  // INT64
  const std::string& ints = shape.one(9).bytes;
  REQUIRE(ints.size() == 2 * 8);
  int64_t first;
  std::memcpy(&first, ints.data(), 8);
  CHECK(first == -1);
}

TEST_CASE("ValueInfoProto: name 1, type 2 (a float tensor with its dims), doc 3", "[onnx]") {
  const ProtoMessage input(encoded(small_model()).message(7).one(11).bytes);
  CHECK(input.one(1).bytes == "input");
  CHECK(input.one(3).bytes == "pixels");
  const ProtoMessage tensor_type = input.message(2).message(1);
  CHECK(tensor_type.one(1).varint == 1);  // elem_type FLOAT
  const auto dims = tensor_type.message(2).all(1);
  REQUIRE(dims.size() == 4);
  CHECK(ProtoMessage(dims[0].bytes).one(2).bytes == "N");  // dim_param
  CHECK(ProtoMessage(dims[1].bytes).one(1).varint == 1);   // dim_value
  CHECK(ProtoMessage(dims[3].bytes).one(1).varint == 28);
}
