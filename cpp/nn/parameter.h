#pragma once

#include <Eigen/Core>
#include <vector>

namespace nn {

/// One array of a layer's parameters (its weights, or its biases), as the optimizer, the
/// initialisation, snapshots, the model file and exporters see it.
///
/// Canonical order: the array as a row-major tensor of shape `dims`, the layout of the model file
/// and of ONNX initializers:
///   dense weight   {outputs, inputs}               row j: unit j's input weights (Gemm, transB=1)
///   conv2d weight  {filters, channels, k, k}       ONNX Conv's OIHW
///   bias           {units}
/// In memory, `value` holds that order, except where `transposed` is set (a dense weight, stored
/// column-major so each input's weights are contiguous for the sparse first-layer kernel): then
/// element [i][j] of the {rows, cols} = {dims[0], dims[1]} tensor is at value[i + rows * j].
/// copy_canonical and assign_canonical convert.
struct Parameter {
  enum class Role : unsigned char { Weight, Bias };
  Role role = Role::Weight;   // weights take weight decay and an initialisation's spread; biases
                              // neither (they start at 0, except for the tutorial's uniform init)
  float* value = nullptr;     // `size` floats
  float* gradient = nullptr;  // dC/d(value), same layout; null in an inference-only network
  Eigen::Index size = 0;
  std::vector<int> dims;  // the canonical shape; its product is size
  bool transposed = false;
  int fan_in = 0;   // inputs each output unit sums (dense: inputs; conv2d: channels k k)
  int fan_out = 0;  // outputs each input feeds (dense: outputs; conv2d: filters k k)

  bool is_weight() const { return role == Role::Weight; }
  const char* name() const { return is_weight() ? "weight" : "bias"; }
};

/// Writes the parameter's `size` values to `out` in canonical order.
void copy_canonical(const Parameter& parameter, float* out);

/// Sets the parameter's values from `in`, which holds `size` floats in canonical order.
void assign_canonical(const Parameter& parameter, const float* in);

}  // namespace nn
