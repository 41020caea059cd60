#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace exporter::onnx {

/// The part of ONNX's protobuf schema (onnx/onnx.proto, IR version 7) that a feed-forward
/// classifier needs, as plain structs; encode_model() writes them in the wire format.
/// Field numbers are ONNX's and are named where they are written (onnx_model.cpp).

/// TensorProto.DataType
enum class DataType : int32_t { Float = 1, Int64 = 7 };

/// An initializer: a named constant tensor (weights, biases, shapes).
struct Tensor {
  std::string name;
  std::vector<int64_t> dims;
  DataType type = DataType::Float;
  std::vector<float> floats;  // Float: stored as raw_data, little-endian
  std::vector<int64_t> ints;  // Int64: stored as raw_data, little-endian
};

/// AttributeProto: the kinds our operators use.
struct Attribute {
  enum class Kind : int32_t { Float = 1, Int = 2, String = 3, Ints = 7 };
  std::string name;
  Kind kind = Kind::Int;
  float f = 0.0f;
  int64_t i = 0;
  std::string s;
  std::vector<int64_t> ints;

  static Attribute of_int(std::string name, int64_t value);
  static Attribute of_ints(std::string name, std::vector<int64_t> values);
  static Attribute of_float(std::string name, float value);
  static Attribute of_string(std::string name, std::string value);
};

/// NodeProto: one operator application.
struct Node {
  std::string op_type;  // "Gemm", "Conv", ...
  std::string name;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::vector<Attribute> attributes;
};

/// One dimension of a graph input or output: a number, or a name for a free one ("N").
struct Dimension {
  int64_t value = 0;
  std::string parameter;  // when not empty, the dimension is symbolic
};

/// ValueInfoProto for a float tensor.
struct ValueInfo {
  std::string name;
  std::vector<Dimension> shape;
  std::string doc;
};

/// GraphProto.
struct Graph {
  std::string name;
  std::string doc;
  std::vector<Node> nodes;
  std::vector<Tensor> initializers;
  std::vector<ValueInfo> inputs;
  std::vector<ValueInfo> outputs;
};

/// ModelProto.
struct Model {
  int64_t ir_version = 7;  // the IR of opset 13
  int64_t opset = 13;      // the default ("ai.onnx") domain's version
  std::string producer_name;
  std::string producer_version;
  std::string doc;
  Graph graph;
  std::vector<std::pair<std::string, std::string>> metadata;  // metadata_props, in order
};

/// The model as an .onnx file's bytes.
std::vector<uint8_t> encode_model(const Model& model);

}  // namespace exporter::onnx
