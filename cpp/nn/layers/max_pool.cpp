#include "nn/layers/max_pool.h"

#include <algorithm>

namespace nn {

MaxPoolLayer::MaxPoolLayer(const LayerSpec& spec, const Shape& input, bool trainable)
    : Layer(spec, input, trainable),
      output_(output_size(), 0),
      delta_(output_size(), 0),
      column_max_(static_cast<size_t>(input.width)),
      column_row_(static_cast<size_t>(input.width)) {}

void MaxPoolLayer::reserve(Eigen::Index columns) {
  if (output_.cols() >= columns)
    return;
  output_.resize(output_size(), columns);
  if (trainable()) {
    delta_.resize(output_size(), columns);
    argmax_.resize(static_cast<size_t>(output_size() * columns));
  }
}

// Two passes per pair of rows, each a loop the compiler vectorises: the larger of each column's
// two values, then the larger of each pair of columns. (Four compares per output in one loop ran
// at a third of the speed and took a tenth of the cnn's training step.)
void MaxPoolLayer::forward(ConstMatrixView input) {
  const Eigen::Index n = input.cols();
  reserve(n);
  const Shape& in = input_shape();
  const Shape& out = output_shape();
  const int W = in.width, OW = out.width;
  const bool keep_argmax = trainable();
  float* column_max = column_max_.data();
  int32_t* column_row = column_row_.data();
  for (Eigen::Index s = 0; s < n; ++s) {
    const float* x = input.col(s).data();
    float* y = output_.col(s).data();
    int32_t* where = keep_argmax ? argmax_.data() + s * output_size() : nullptr;
    for (int c = 0; c < in.channels; ++c) {
      for (int oy = 0; oy < out.height; ++oy) {
        const int top = (c * in.height + 2 * oy) * W;
        const float* upper = x + top;
        const float* lower = upper + W;
        // std::max, not a ternary on floats: GCC turned the ternary into a branch, and maxima
        // are a coin toss. std::max(a, b) is a on a tie: the upper row, then the left column.
        for (int i = 0; i < 2 * OW; ++i) {
          column_max[i] = std::max(upper[i], lower[i]);
          column_row[i] = -static_cast<int32_t>(lower[i] > upper[i]) & W;  // 0, or W: the lower row
        }
        float* row_out = y + (c * out.height + oy) * OW;
        for (int ox = 0; ox < OW; ++ox)
          row_out[ox] = std::max(column_max[2 * ox], column_max[2 * ox + 1]);
        if (!where)
          continue;
        // Branch-free and without indexing by a comparison, so this loop vectorises too.
        int32_t* row_where = where + (c * out.height + oy) * OW;
        for (int ox = 0; ox < OW; ++ox) {
          const int32_t right = column_max[2 * ox + 1] > column_max[2 * ox];
          const int32_t left_row = column_row[2 * ox], right_row = column_row[2 * ox + 1];
          row_where[ox] = top + 2 * ox + right + (left_row ^ ((left_row ^ right_row) & -right));
        }
      }
    }
  }
}

MatrixView MaxPoolLayer::delta(Eigen::Index n) {
  require_trainable();
  return delta_.leftCols(n);
}

void MaxPoolLayer::backward(ConstMatrixView input, MatrixView* input_delta) {
  require_trainable();
  if (!input_delta)
    return;  // no parameters: the input's delta is all there is to compute
  const Eigen::Index n = input.cols();
  const Shape& in = input_shape();
  const Shape& out = output_shape();
  const bool uncovered = in.height % 2 != 0 || in.width % 2 != 0;  // floor mode drops an edge
  for (Eigen::Index s = 0; s < n; ++s) {
    const int32_t* where = argmax_.data() + s * output_size();
    float* dx = input_delta->col(s).data();
    const float* dy = delta_.col(s).data();
    if (uncovered)
      std::fill(dx, dx + input_size(), 0.0f);
    // The windows do not overlap: each pair of rows is cleared, then each maximum's place set.
    int o = 0;
    for (int c = 0; c < in.channels; ++c) {
      for (int oy = 0; oy < out.height; ++oy) {
        float* upper = dx + (c * in.height + 2 * oy) * in.width;
        std::fill(upper, upper + 2 * out.width, 0.0f);
        std::fill(upper + in.width, upper + in.width + 2 * out.width, 0.0f);
        for (int ox = 0; ox < out.width; ++ox, ++o)
          dx[where[o]] = dy[o];
      }
    }
  }
}

}  // namespace nn
