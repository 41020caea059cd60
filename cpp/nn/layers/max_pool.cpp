#include "nn/layers/max_pool.h"

namespace nn {

MaxPoolLayer::MaxPoolLayer(const LayerSpec& spec, const Shape& input, bool trainable)
    : Layer(spec, input, trainable), output_(output_size(), 0), delta_(output_size(), 0) {}

void MaxPoolLayer::reserve(Eigen::Index columns) {
  if (output_.cols() >= columns)
    return;
  output_.resize(output_size(), columns);
  if (trainable()) {
    delta_.resize(output_size(), columns);
    argmax_.resize(static_cast<size_t>(output_size() * columns));
  }
}

void MaxPoolLayer::forward(ConstMatrixView input) {
  const Eigen::Index n = input.cols();
  reserve(n);
  const Shape& in = input_shape();
  const Shape& out = output_shape();
  const bool keep_argmax = trainable();
  for (Eigen::Index s = 0; s < n; ++s) {
    const float* x = input.col(s).data();
    float* y = output_.col(s).data();
    int32_t* where = keep_argmax ? argmax_.data() + s * output_size() : nullptr;
    int o = 0;
    for (int c = 0; c < in.channels; ++c) {
      for (int oy = 0; oy < out.height; ++oy) {
        const int top = (c * in.height + 2 * oy) * in.width;
        for (int ox = 0; ox < out.width; ++ox, ++o) {
          // The window's four values; the first of equal maxima wins, as in PyTorch.
          const int candidates[4] = {top + 2 * ox, top + 2 * ox + 1, top + in.width + 2 * ox,
                                     top + in.width + 2 * ox + 1};
          int best = candidates[0];
          for (int i = 1; i < 4; ++i) {
            if (x[candidates[i]] > x[best])
              best = candidates[i];
          }
          y[o] = x[best];
          if (where)
            where[o] = best;
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
  input_delta->setZero();
  for (Eigen::Index s = 0; s < n; ++s) {
    const int32_t* where = argmax_.data() + s * output_size();
    float* dx = input_delta->col(s).data();
    const float* dy = delta_.col(s).data();
    for (int o = 0; o < output_size(); ++o)
      dx[where[o]] += dy[o];
  }
}

}  // namespace nn
