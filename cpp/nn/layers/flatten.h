#pragma once

#include "nn/layer.h"

namespace nn {

/// Channels x height x width -> one vector of their product. Samples are already stored as one
/// CHW column each, which is the flattened order (ONNX's Flatten of NCHW), so this layer moves no
/// data: its output is a view of its input and its delta is the layer below's.
class FlattenLayer : public Layer {
 public:
  /// `below` is the layer whose output this one flattens (null for the network's input).
  FlattenLayer(const LayerSpec& spec, const Shape& input, bool trainable, Layer* below);

  void reserve(Eigen::Index) override {}
  void forward(ConstMatrixView input) override;
  ConstMatrixMap output(Eigen::Index n) const override { return {input_, output_size(), n}; }
  MatrixView delta(Eigen::Index n) override;
  void backward(ConstMatrixView, MatrixView*) override {}  // the delta is already the input's

 private:
  Layer* below_;
  const float* input_ = nullptr;  // the last forward's input
};

}  // namespace nn
