#include "export/onnx_model.h"

#include <cstring>

#include "export/protobuf_writer.h"

namespace exporter::onnx {
namespace {

// Little-endian bytes of an array, for TensorProto.raw_data (ONNX stores raw data little-endian).
template <typename T>
std::string little_endian_bytes(const std::vector<T>& values) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "raw_data is little-endian");
  std::string bytes(values.size() * sizeof(T), '\0');
  if (!values.empty())
    std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

ProtoWriter tensor(const Tensor& t) {
  ProtoWriter w;
  w.packed_varints(1, t.dims);                                                // dims
  w.varint_field(2, static_cast<int32_t>(t.type));                            // data_type
  w.bytes_field(8, t.name);                                                   // name
  w.bytes_field(9, t.type == DataType::Float ? little_endian_bytes(t.floats)  // raw_data
                                             : little_endian_bytes(t.ints));
  return w;
}

ProtoWriter attribute(const Attribute& a) {
  ProtoWriter w;
  w.bytes_field(1, a.name);  // name
  switch (a.kind) {
    case Attribute::Kind::Float:
      w.float_field(2, a.f);  // f
      break;
    case Attribute::Kind::Int:
      w.varint_field(3, a.i);  // i
      break;
    case Attribute::Kind::String:
      w.bytes_field(4, a.s);  // s
      break;
    case Attribute::Kind::Ints:
      w.packed_varints(8, a.ints);  // ints
      break;
  }
  w.varint_field(20, static_cast<int32_t>(a.kind));  // type (AttributeProto.AttributeType)
  return w;
}

ProtoWriter node(const Node& n) {
  ProtoWriter w;
  for (const std::string& input : n.inputs)
    w.bytes_field(1, input);  // input
  for (const std::string& output : n.outputs)
    w.bytes_field(2, output);   // output
  w.bytes_field(3, n.name);     // name
  w.bytes_field(4, n.op_type);  // op_type
  for (const Attribute& a : n.attributes)
    w.message_field(5, attribute(a));  // attribute
  return w;
}

ProtoWriter value_info(const ValueInfo& v) {
  ProtoWriter shape;  // TensorShapeProto
  for (const Dimension& d : v.shape) {
    ProtoWriter dim;  // TensorShapeProto.Dimension
    if (d.parameter.empty())
      dim.varint_field(1, d.value);  // dim_value
    else
      dim.bytes_field(2, d.parameter);  // dim_param
    shape.message_field(1, dim);        // dim
  }
  ProtoWriter tensor_type;                                             // TypeProto.Tensor
  tensor_type.varint_field(1, static_cast<int32_t>(DataType::Float));  // elem_type
  tensor_type.message_field(2, shape);                                 // shape
  ProtoWriter type;                                                    // TypeProto
  type.message_field(1, tensor_type);                                  // tensor_type

  ProtoWriter w;
  w.bytes_field(1, v.name);  // name
  w.message_field(2, type);  // type
  if (!v.doc.empty())
    w.bytes_field(3, v.doc);  // doc_string
  return w;
}

ProtoWriter graph(const Graph& g) {
  ProtoWriter w;
  for (const Node& n : g.nodes)
    w.message_field(1, node(n));  // node
  w.bytes_field(2, g.name);       // name
  for (const Tensor& t : g.initializers)
    w.message_field(5, tensor(t));  // initializer
  if (!g.doc.empty())
    w.bytes_field(10, g.doc);  // doc_string
  for (const ValueInfo& v : g.inputs)
    w.message_field(11, value_info(v));  // input
  for (const ValueInfo& v : g.outputs)
    w.message_field(12, value_info(v));  // output
  return w;
}

}  // namespace

Attribute Attribute::of_int(std::string name, int64_t value) {
  Attribute a;
  a.name = std::move(name);
  a.kind = Kind::Int;
  a.i = value;
  return a;
}

Attribute Attribute::of_ints(std::string name, std::vector<int64_t> values) {
  Attribute a;
  a.name = std::move(name);
  a.kind = Kind::Ints;
  a.ints = std::move(values);
  return a;
}

Attribute Attribute::of_float(std::string name, float value) {
  Attribute a;
  a.name = std::move(name);
  a.kind = Kind::Float;
  a.f = value;
  return a;
}

Attribute Attribute::of_string(std::string name, std::string value) {
  Attribute a;
  a.name = std::move(name);
  a.kind = Kind::String;
  a.s = std::move(value);
  return a;
}

std::vector<uint8_t> encode_model(const Model& model) {
  ProtoWriter w;
  w.varint_field(1, model.ir_version);       // ir_version
  w.bytes_field(2, model.producer_name);     // producer_name
  w.bytes_field(3, model.producer_version);  // producer_version
  if (!model.doc.empty())
    w.bytes_field(6, model.doc);           // doc_string
  w.message_field(7, graph(model.graph));  // graph
  ProtoWriter opset;                       // OperatorSetIdProto
  opset.bytes_field(1, "");                // domain: "" is ai.onnx
  opset.varint_field(2, model.opset);      // version
  w.message_field(8, opset);               // opset_import
  for (const auto& [key, value] : model.metadata) {
    ProtoWriter entry;            // StringStringEntryProto
    entry.bytes_field(1, key);    // key
    entry.bytes_field(2, value);  // value
    w.message_field(14, entry);   // metadata_props
  }
  return w.bytes();
}

}  // namespace exporter::onnx
