#pragma once

#include <cstdint>
#include <vector>

#include "nn/architecture.h"
#include "nn/dense_layer.h"
#include "nn/matrix.h"
#include "nn/sparse_batch.h"

namespace nn {

/// A stack of fully connected layers trained by backpropagation.
/// Batches are column matrices (inputs x n). Weights start at zero: see init.h.
class Network {
 public:
  /// Throws std::invalid_argument if the architecture is out of bounds.
  explicit Network(const Architecture& architecture);

  const Architecture& architecture() const { return architecture_; }
  int input_size() const { return architecture_.sizes.front(); }
  int output_size() const { return architecture_.sizes.back(); }
  std::vector<DenseLayer>& layers() { return layers_; }
  const std::vector<DenseLayer>& layers() const { return layers_; }

  /// Runs a batch forward; returns the output activations (output_size x n), valid until the next
  /// forward. Softmax outputs are class probabilities.
  ConstMatrixMap forward(ConstMatrixView input);

  /// The same for a sparse batch (the first layer skips the zero inputs; the result is the same).
  ConstMatrixMap forward(const SparseBatch& input);

  /// The output layer's pre-activations z of the last forward (output_size x n).
  ConstMatrixMap logits() const { return {logits_.data(), logits_.rows(), batch_}; }

  /// After forward(input): the batch's loss, with every layer's gradient averaged over the batch.
  /// labels: n class indices below output_size().
  float backward(ConstMatrixView input, const uint8_t* labels);
  float backward(const SparseBatch& input, const uint8_t* labels);

  /// True when no weight or bias is NaN or infinite.
  bool parameters_finite() const;

  /// Largest pre-activation forward_pass_bounded() allows: far past any sane network, far below
  /// float's 3.4e38.
  static constexpr double kMaxPreActivation = 1e30;

  /// True when no pre-activation can exceed kMaxPreActivation for any input in [0, 1], so a
  /// forward pass cannot overflow: finite weights can still be large enough to turn softmax into
  /// NaN. Interval arithmetic: |z_i| <= sum_j |W_ij| max|a_j| + |b_i|, with max|a| = 1 after
  /// sigmoid, tanh and softmax, and max|z| after ReLU.
  bool forward_pass_bounded() const;

  /// Copies weights and biases from a network of the same architecture.
  void copy_parameters_from(const Network& other);

 private:
  template <typename Input>
  ConstMatrixMap forward_from(const Input& input, Eigen::Index batch);
  template <typename Input>
  float backward_from(const Input& input, const uint8_t* labels);

  Architecture architecture_;
  std::vector<DenseLayer> layers_;
  Matrix logits_;  // output_size x capacity
  Eigen::Index batch_ = 0;
};

}  // namespace nn
