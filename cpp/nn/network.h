#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "nn/architecture.h"
#include "nn/layer.h"
#include "nn/layers/conv2d.h"
#include "nn/layers/dense.h"
#include "nn/matrix.h"
#include "nn/parameter.h"
#include "nn/sparse_batch.h"

namespace nn {

/// What a network is built for: training keeps gradients and per-batch deltas; inference (a
/// loaded model, evaluation, classification) has neither.
enum class Purpose : unsigned char { Inference, Training };

/// A list of layers (MiniDNN's Network): batches go forward through them in order and their
/// gradients come back by backpropagation. Batches are column matrices (input size x n, CHW per
/// sample). Parameters start at zero: see init.h.
class Network {
 public:
  /// Throws std::invalid_argument if the architecture is out of bounds.
  explicit Network(const Architecture& architecture, Purpose purpose = Purpose::Training);
  /// A copy has the same architecture, purpose and parameters (and fresh buffers).
  Network(const Network& other);
  Network& operator=(const Network& other);
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;
  ~Network();

  const Architecture& architecture() const { return architecture_; }
  Purpose purpose() const { return purpose_; }
  bool trainable() const { return purpose_ == Purpose::Training; }
  const Shape& input_shape() const { return architecture_.input; }
  int input_size() const { return architecture_.input_size(); }
  int output_size() const { return architecture_.output_size(); }

  size_t layer_count() const { return layers_.size(); }
  Layer& layer(size_t index) { return *layers_.at(index); }
  const Layer& layer(size_t index) const { return *layers_.at(index); }
  /// Layer `index` as the kind it is; throws std::invalid_argument when it is another kind.
  DenseLayer& dense(size_t index);
  const DenseLayer& dense(size_t index) const;
  Conv2DLayer& conv2d(size_t index);
  const Conv2DLayer& conv2d(size_t index) const;
  /// Layer `index` learns nothing from now on: backward() computes no gradient for its parameters
  /// and, when no layer below it learns, stops above it (fine-tuning the top of a network). The
  /// optimizer leaves its parameters as they are. Copies of the network are not frozen.
  void freeze_layer(size_t index);

  /// Every parameter array, layer by layer (weight, then bias): what optimizers, initialisation,
  /// snapshots and model files walk. The pointers stay valid for the network's life.
  const std::vector<Parameter>& parameters() const { return parameters_; }
  /// Whether parameter array `index` belongs to a frozen layer (optimizers leave it as it is).
  bool parameter_frozen(size_t index) const {
    return layers_[parameter_layer_.at(index)]->frozen();
  }
  long long parameter_count() const;

  /// Grows every layer's buffers to hold `columns` samples, so later batches allocate nothing.
  void reserve(Eigen::Index columns);

  /// Runs a batch forward; returns the output activations (output_size x n), valid until the next
  /// forward. Softmax outputs are class probabilities.
  ConstMatrixMap forward(ConstMatrixView input);

  /// True when the first layer is dense, so a sparse batch can be its input.
  bool accepts_sparse_input() const { return layers_.front()->kind() == LayerKind::Dense; }
  /// The same for a sparse batch (the first layer skips the zero inputs; the result is the same).
  /// Throws std::invalid_argument unless accepts_sparse_input().
  ConstMatrixMap forward(const SparseBatch& input);

  /// The output layer's pre-activations z of the last forward (output_size x n).
  ConstMatrixMap logits() const;

  /// After forward(input): the batch's loss, with every parameter's gradient averaged over the
  /// batch. labels: n class indices below output_size(). Throws std::logic_error for an
  /// inference-only network.
  float backward(ConstMatrixView input, const uint8_t* labels);
  float backward(const SparseBatch& input, const uint8_t* labels);

  /// True when no parameter is NaN or infinite.
  bool parameters_finite() const;

  /// Largest pre-activation forward_pass_bounded() allows: far past any sane network, far below
  /// float's 3.4e38.
  static constexpr double kMaxPreActivation = 1e30;

  /// True when no pre-activation can exceed kMaxPreActivation for any input in [0, 1], so a
  /// forward pass cannot overflow: finite weights can still be large enough to turn softmax into
  /// NaN. Interval arithmetic: |z_i| <= sum_j |W_ij| max|a_j| + |b_i|, with max|a| = 1 after
  /// sigmoid, tanh and softmax, and max|z| after ReLU; a convolution bounds each filter by its
  /// input channels' bounds, a pooling keeps its window's largest bound.
  bool forward_pass_bounded() const;

  /// Copies every parameter from a network of the same architecture (either purpose).
  void copy_parameters_from(const Network& other);

 private:
  void build();
  void find_first_learning();
  template <typename Input>
  ConstMatrixMap forward_from(const Input& input, Eigen::Index batch);
  template <typename Input>
  float backward_from(const Input& input, const uint8_t* labels);

  Architecture architecture_;
  Purpose purpose_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Parameter> parameters_;
  std::vector<size_t> parameter_layer_;  // per parameter array: the index of its layer
  size_t first_learning_ = 0;  // the lowest layer whose parameters learn: backward stops there
  Eigen::Index batch_ = 0;
};

}  // namespace nn
