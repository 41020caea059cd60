#pragma once

#include <cstdint>
#include <vector>

#include "nn/layer.h"

namespace nn {

/// 2 x 2 max-pooling with stride 2, per channel (odd sides drop their last row or column, as
/// PyTorch's and ONNX's floor mode do). Training keeps, for every output, where its maximum came
/// from: backward sends each output's gradient there, and nowhere else. Of equal maxima, the
/// upper of a column wins, then the left column (what a vertical then a horizontal max gives).
class MaxPoolLayer : public Layer {
 public:
  MaxPoolLayer(const LayerSpec& spec, const Shape& input, bool trainable);

  void reserve(Eigen::Index columns) override;
  void forward(ConstMatrixView input) override;
  ConstMatrixMap output(Eigen::Index n) const override {
    return {output_.data(), output_.rows(), n};
  }
  MatrixView delta(Eigen::Index n) override;
  void backward(ConstMatrixView input, MatrixView* input_delta) override;

 private:
  Matrix output_;                  // C (H/2) (W/2) x capacity
  Matrix delta_;                   // the same, training only
  std::vector<int32_t> argmax_;    // per output value: the index of its maximum in the input column
  std::vector<float> column_max_;  // per pair of rows, the larger of each column's two values
  std::vector<int32_t> column_where_;  // ... and its index in the input column
};

}  // namespace nn
