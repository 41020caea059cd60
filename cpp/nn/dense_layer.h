#pragma once

#include "nn/activation.h"
#include "nn/matrix.h"
#include "nn/sparse_batch.h"

namespace nn {

/// A fully connected layer a = f(W x + b) with its gradients and per-batch buffers.
/// Buffers hold `capacity` columns and are reused: a batch of n samples uses the first n.
class DenseLayer {
 public:
  DenseLayer(int inputs, int outputs, Activation activation);

  int inputs() const { return static_cast<int>(weights_.cols()); }
  int outputs() const { return static_cast<int>(weights_.rows()); }
  Activation activation() const { return activation_; }

  Matrix& weights() { return weights_; }  // outputs x inputs
  const Matrix& weights() const { return weights_; }
  Vector& bias() { return bias_; }  // outputs
  const Vector& bias() const { return bias_; }
  const Matrix& weight_gradient() const { return weight_gradient_; }  // dC/dW, outputs x inputs
  const Vector& bias_gradient() const { return bias_gradient_; }      // dC/db, outputs

  /// Grows the per-batch buffers to hold at least `columns` samples (no-op when they do).
  void reserve(Eigen::Index columns);

  /// z = W x + b for the batch x (inputs x n), into the first n columns of the output buffer.
  MatrixView pre_activate(ConstMatrixView input);

  /// The same for a sparse batch: only the nonzero inputs are multiplied.
  MatrixView pre_activate(const SparseBatch& input);

  /// The buffer pre_activate wrote; after activate(), a = f(z) (outputs x n).
  MatrixView output(Eigen::Index n) { return output_.leftCols(n); }
  ConstMatrixMap output(Eigen::Index n) const { return {output_.data(), output_.rows(), n}; }

  /// dC/dz for the current batch (outputs x n), filled by the caller before backward().
  MatrixView delta(Eigen::Index n) { return delta_.leftCols(n); }

  /// From delta = dC/dz: dC/dW = delta x^T and dC/db = delta summed over the batch.
  void backward(ConstMatrixView input);

  /// The same for a sparse batch: dC/dW[:, k] sums only over the samples where input k is nonzero.
  void backward(const SparseBatch& input);

  /// dC/dx = W^T delta, the previous layer's dC/da (inputs x n).
  void propagate_delta(Eigen::Index n, MatrixView input_delta) const;

 private:
  Activation activation_;
  Matrix weights_;
  Vector bias_;
  Matrix weight_gradient_;
  Vector bias_gradient_;
  Matrix output_;  // outputs x capacity
  Matrix delta_;   // outputs x capacity
};

}  // namespace nn
