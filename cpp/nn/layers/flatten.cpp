#include "nn/layers/flatten.h"

#include <stdexcept>

namespace nn {

FlattenLayer::FlattenLayer(const LayerSpec& spec, const Shape& input, bool trainable, Layer* below)
    : Layer(spec, input, trainable), below_(below) {}

void FlattenLayer::forward(ConstMatrixView input) {
  if (input.outerStride() != input.rows())
    throw std::logic_error("flatten needs a contiguous batch");
  input_ = input.data();
}

MatrixView FlattenLayer::delta(Eigen::Index n) {
  require_trainable();
  if (!below_)
    throw std::logic_error("a flatten on the network's input has no delta to give");
  return below_->delta(n);
}

}  // namespace nn
