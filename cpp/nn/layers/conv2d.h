#pragma once

#include "nn/im2col.h"
#include "nn/layer.h"

namespace nn {

/// A 2-D convolution: k x k kernels, stride 1, `valid` or `same` zero padding, then the
/// activation. Done as im2col plus one matrix product per batch (see conv2d.cpp for why).
///
/// The weights are a (C k k) x filters column-major matrix: filter f's kernel is column f, so in
/// memory they are [filters][channels][k][k], ONNX Conv's OIHW, with no conversion.
class Conv2DLayer : public Layer {
 public:
  Conv2DLayer(const LayerSpec& spec, const Shape& input, bool trainable);

  int kernel() const { return spec().kernel; }
  int filters() const { return spec().units; }
  Padding padding() const { return spec().padding; }

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
  ConvGeometry geometry_;
  Matrix weights_;
  Vector bias_;
  Matrix weight_gradient_;  // empty for inference
  Vector bias_gradient_;
  Eigen::Index capacity_ = 0;  // samples the buffers below hold
  Vector patches_;             // (n P) x (C k k): the last forward's unrolled input
  Vector product_;         // (n P) x filters: patches x weights; in backward, dC/dz in that layout
  Vector patch_gradient_;  // (n P) x (C k k): dC/d(patches), when the input's delta is wanted
  Matrix output_;          // (filters P) x capacity, CHW per sample
  Matrix delta_;           // the same, training only
};

}  // namespace nn
