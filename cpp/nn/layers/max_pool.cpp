#include "nn/layers/max_pool.h"

#include <algorithm>

#include "nn/simd.h"

namespace nn {

MaxPoolLayer::MaxPoolLayer(const LayerSpec& spec, const Shape& input, bool trainable)
    : Layer(spec, input, trainable),
      output_(output_size(), 0),
      delta_(output_size(), 0),
      column_max_(static_cast<size_t>(2 * output_size())),
      column_where_(static_cast<size_t>(2 * output_size())) {}

void MaxPoolLayer::reserve(Eigen::Index columns) {
  if (output_.cols() >= columns)
    return;
  output_.resize(output_size(), columns);
  if (trainable()) {
    delta_.resize(output_size(), columns);
    argmax_.resize(static_cast<size_t>(output_size() * columns));
  }
}

// Two passes over a sample, each a long loop of whole vectors: the larger of each column's two
// rows, for every pair of rows of every channel at once; then the larger of each pair of columns
// (a deinterleaving shuffle). The passes of a loop the compiler vectorised per row pair (24 or 8
// values, behind alias checks) took a tenth of the cnn's training step natively.
void MaxPoolLayer::forward(ConstMatrixView input) {
  const Eigen::Index n = input.cols();
  reserve(n);
  const Shape& in = input_shape();
  const Shape& out = output_shape();
  const int W = in.width, pair_width = 2 * out.width, rows = in.channels * out.height;
  const int pairs = rows * out.width;  // = output_size()
  const bool keep_argmax = trainable();
  float* column_max = column_max_.data();
  int32_t* column_where = column_where_.data();
  const simd::IntLanes lanes = simd::iota();
  for (Eigen::Index s = 0; s < n; ++s) {
    const float* x = input.col(s).data();
    // Pass 1: row r of the pairs is rows 2 oy and 2 oy + 1 of channel c (r = c OH + oy).
    for (int r = 0; r < rows; ++r) {
      const int c = r / out.height, oy = r % out.height;
      const int top = (c * in.height + 2 * oy) * W;
      const float* upper = x + top;
      const float* lower = upper + W;
      float* max_row = column_max + r * pair_width;
      int32_t* where_row = column_where + r * pair_width;
      int i = 0;
      for (; i + simd::kLanes <= pair_width; i += simd::kLanes) {
        const simd::Lanes u = simd::load(upper + i), l = simd::load(lower + i);
        const simd::IntLanes lower_wins = l > u;  // a tie: the upper row
        simd::store(max_row + i, simd::select(lower_wins, l, u));
        if (keep_argmax)
          simd::store_ints(where_row + i, (top + i) + lanes + (lower_wins & W));
      }
      for (; i < pair_width; ++i) {
        const bool lower_wins = lower[i] > upper[i];
        max_row[i] = lower_wins ? lower[i] : upper[i];
        where_row[i] = top + i + (lower_wins ? W : 0);
      }
    }
    // Pass 2: output o is the larger of pass 1's values 2 o and 2 o + 1.
    float* y = output_.col(s).data();
    int32_t* where = keep_argmax ? argmax_.data() + s * output_size() : nullptr;
    int o = 0;
    for (; o + simd::kLanes <= pairs; o += simd::kLanes) {
      simd::Lanes left, right;
      simd::deinterleave(simd::load(column_max + 2 * o),
                         simd::load(column_max + 2 * o + simd::kLanes), left, right);
      const simd::IntLanes right_wins = right > left;  // a tie: the left column
      simd::store(y + o, simd::select(right_wins, right, left));
      if (!where)
        continue;
      simd::IntLanes left_where, right_where;
      simd::deinterleave(simd::load_ints(column_where + 2 * o),
                         simd::load_ints(column_where + 2 * o + simd::kLanes), left_where,
                         right_where);
      simd::store_ints(where + o, simd::select(right_wins, right_where, left_where));
    }
    for (; o < pairs; ++o) {
      const bool right_wins = column_max[2 * o + 1] > column_max[2 * o];
      y[o] = column_max[2 * o + right_wins];
      if (where)
        where[o] = column_where[2 * o + right_wins];
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
  for (Eigen::Index s = 0; s < n; ++s) {
    const int32_t* where = argmax_.data() + s * output_size();
    float* dx = input_delta->col(s).data();
    const float* dy = delta_.col(s).data();
    // The windows do not overlap: every input is cleared, then each maximum's place set.
    std::fill(dx, dx + input_size(), 0.0f);
    for (int o = 0; o < output_size(); ++o)
      dx[where[o]] = dy[o];
  }
}

}  // namespace nn
