#pragma once

#include "nn/layer.h"
#include "nn/sparse_batch.h"

namespace nn {

/// A fully connected layer a = f(W x + b) on a flat input.
///
/// W is stored column-major, outputs x inputs: each input's weights are contiguous, which the
/// sparse first-layer kernel needs (it adds one column of W per nonzero pixel).
class DenseLayer : public Layer {
 public:
  DenseLayer(const LayerSpec& spec, const Shape& input, bool trainable);

  int inputs() const { return static_cast<int>(weights_.cols()); }
  int outputs() const { return static_cast<int>(weights_.rows()); }

  Matrix& weights() { return weights_; }  // outputs x inputs
  const Matrix& weights() const { return weights_; }
  Vector& bias() { return bias_; }  // outputs
  const Vector& bias() const { return bias_; }
  const Matrix& weight_gradient() const { return weight_gradient_; }  // dC/dW, outputs x inputs
  const Vector& bias_gradient() const { return bias_gradient_; }      // dC/db, outputs

  /// Also keep z = W x + b, before the activation: the output layer's logits, which the loss reads.
  void keep_logits(bool keep) { keep_logits_ = keep; }
  ConstMatrixMap logits(Eigen::Index n) const { return {logits_.data(), logits_.rows(), n}; }

  void reserve(Eigen::Index columns) override;

  /// z = W x + b for the batch x (inputs x n), into the output buffer, not yet activated.
  MatrixView pre_activate(ConstMatrixView input);
  /// The same for a sparse batch: only the nonzero inputs are multiplied.
  MatrixView pre_activate(const SparseBatch& input);

  void forward(ConstMatrixView input) override;
  void forward(const SparseBatch& input);
  ConstMatrixMap output(Eigen::Index n) const override {
    return {output_.data(), output_.rows(), n};
  }
  MatrixView delta(Eigen::Index n) override;

  /// dC/dW = delta x^T, dC/db = delta summed over the batch, dC/dx = W^T delta.
  void backward(ConstMatrixView input, MatrixView* input_delta) override;
  /// The same for a sparse batch (the network's input, so no dC/dx): dC/dW[:, k] sums only over
  /// the samples where input k is nonzero.
  void backward(const SparseBatch& input);

  std::vector<Parameter> parameters() override;

 private:
  // Keeps the logits when asked, then applies the activation in place.
  void finish_forward(Eigen::Index n);

  Matrix weights_;
  Vector bias_;
  Matrix weight_gradient_;  // empty for inference
  Vector bias_gradient_;
  Matrix output_;  // outputs x capacity
  Matrix delta_;   // outputs x capacity, training only
  Matrix logits_;  // outputs x capacity, when kept
  bool keep_logits_ = false;
};

}  // namespace nn
