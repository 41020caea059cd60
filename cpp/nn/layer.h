#pragma once

#include <vector>

#include "nn/layer_spec.h"
#include "nn/matrix.h"
#include "nn/parameter.h"
#include "nn/shape.h"

namespace nn {

/// One layer of a network (MiniDNN's Layer, with shapes): a function from a batch of inputs
/// (input_shape().size() x n, one column per sample, CHW order) to a batch of outputs
/// (output_shape().size() x n), applying its activation when it has one. Each layer owns its
/// per-batch buffers, grown to the largest batch seen and reused: a batch of n samples uses the
/// first n columns. A layer built for inference only has no gradient or delta buffers.
class Layer {
 public:
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  const LayerSpec& spec() const { return spec_; }
  LayerKind kind() const { return spec_.kind; }
  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const { return output_shape_; }
  int input_size() const { return static_cast<int>(input_shape_.size()); }
  int output_size() const { return static_cast<int>(output_shape_.size()); }
  /// Dense and convolution layers apply activation() to their outputs; the others apply none.
  bool has_activation() const { return spec_.has_parameters(); }
  Activation activation() const { return spec_.activation; }
  bool trainable() const { return trainable_; }
  /// A frozen layer's parameters take no gradient: backward() computes only the input's delta
  /// (fine-tuning the layers above it). Not copied with the network's parameters.
  void set_frozen(bool frozen) { frozen_ = frozen; }
  bool frozen() const { return frozen_; }

  /// Grows the per-batch buffers to hold at least `columns` samples (no-op when they do).
  virtual void reserve(Eigen::Index columns) = 0;

  /// Runs the batch `input` (input size x n) forward; the result is output(n).
  virtual void forward(ConstMatrixView input) = 0;

  /// The outputs of the last forward (output size x n, n at most that batch's size).
  virtual ConstMatrixMap output(Eigen::Index n) const = 0;

  /// dC/d(output) for the current batch (output size x n): the layer above (or the loss) writes
  /// it; the network then multiplies it by the activation's derivative, so backward() reads
  /// dC/dz. Training only.
  virtual MatrixView delta(Eigen::Index n) = 0;

  /// From delta(): the parameters' gradients (averaged over the batch: the loss is) and, when
  /// input_delta is given, dC/d(input) written into it (input size x n). `input` is the batch the
  /// last forward ran on. Training only.
  virtual void backward(ConstMatrixView input, MatrixView* input_delta) = 0;

  /// The layer's parameter arrays (weight then bias), empty for pooling and flatten. The
  /// pointers stay valid for the layer's life.
  virtual std::vector<Parameter> parameters() { return {}; }

 protected:
  Layer(const LayerSpec& spec, const Shape& input, bool trainable)
      : spec_(spec),
        input_shape_(input),
        output_shape_(nn::output_shape(spec, input)),
        trainable_(trainable) {}

  /// Throws std::logic_error when the layer was built for inference only.
  void require_trainable() const;

 private:
  LayerSpec spec_;
  Shape input_shape_;
  Shape output_shape_;
  bool trainable_;
  bool frozen_ = false;
};

}  // namespace nn
