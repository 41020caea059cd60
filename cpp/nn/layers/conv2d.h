#pragma once

#include <cstdint>
#include <vector>

#include "nn/conv_kernels.h"
#include "nn/layer.h"

namespace nn {

/// A 2-D convolution: k x k kernels, stride 1, `valid` or `same` zero padding, then the
/// activation. Computed directly by the kernels of conv_kernels.h, without im2col (conv2d.cpp
/// says why, with the measurements).
///
/// The weights are a (C k k) x filters column-major matrix: filter f's kernel is column f, so in
/// memory they are [filters][channels][k][k], ONNX Conv's OIHW, with no conversion.
class Conv2DLayer : public Layer {
 public:
  Conv2DLayer(const LayerSpec& spec, const Shape& input, bool trainable);

  int kernel() const { return spec().kernel; }
  int filters() const { return spec().units; }
  Padding padding() const { return spec().padding; }
  int pad() const { return pad_; }  // zeros on every side: (k - 1) / 2 for `same`, else 0

  Matrix& weights() { return weights_; }  // (C k k) x filters
  const Matrix& weights() const { return weights_; }
  Vector& bias() { return bias_; }  // filters
  const Vector& bias() const { return bias_; }
  const Matrix& weight_gradient() const { return weight_gradient_; }
  const Vector& bias_gradient() const { return bias_gradient_; }

  void reserve(Eigen::Index columns) override;
  void forward(ConstMatrixView input) override;
  ConstMatrixMap output(Eigen::Index n) const override {
    return {output_.data(), output_.rows(), n};
  }
  MatrixView delta(Eigen::Index n) override;
  void backward(ConstMatrixView input, MatrixView* input_delta) override;
  std::vector<Parameter> parameters() override;

 private:
  int pad_;
  ConvPlan plan_;              // over the padded input
  std::vector<int32_t> taps_;  // plan_.tap_offsets()
  Matrix weights_;
  Vector bias_;
  Matrix weight_gradient_;  // empty for inference
  Vector bias_gradient_;
  Vector gradient_partials_;  // conv2d_weight_gradient's scratch, training only
  Matrix output_;             // (filters P) x capacity, CHW per sample
  Matrix delta_;              // the same, training only
  Matrix padded_;           // C (H + 2 pad) (W + 2 pad) x capacity: the last forward's padded input
  Vector padded_gradient_;  // one sample's input gradient, padded (same padding only)
};

}  // namespace nn
