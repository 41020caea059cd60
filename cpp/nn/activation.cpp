#include "nn/activation.h"

#include <stdexcept>
#include <string>

#include "nn/simd.h"

namespace nn {

std::string_view activation_name(Activation activation) {
  switch (activation) {
    case Activation::Sigmoid:
      return "sigmoid";
    case Activation::Relu:
      return "relu";
    case Activation::Tanh:
      return "tanh";
    case Activation::Softmax:
      return "softmax";
  }
  return "unknown";
}

Activation parse_activation(std::string_view name) {
  for (Activation a :
       {Activation::Sigmoid, Activation::Relu, Activation::Tanh, Activation::Softmax}) {
    if (name == activation_name(a))
      return a;
  }
  throw std::invalid_argument("unknown activation '" + std::string(name) +
                              "': expected sigmoid, relu, tanh or softmax");
}

bool is_hidden_activation(Activation activation) {
  return activation == Activation::Sigmoid || activation == Activation::Relu ||
         activation == Activation::Tanh;
}

bool is_output_activation(Activation activation) {
  return activation == Activation::Sigmoid || activation == Activation::Softmax;
}

void activate(Activation activation, MatrixView z) {
  switch (activation) {
    case Activation::Sigmoid:
      // 1 / (1 + e^-z) written as 0.5 + 0.5 tanh(z / 2): no overflow of e^-z for very negative z.
      z.array() = 0.5f + 0.5f * (0.5f * z.array()).tanh();
      return;
    case Activation::Relu:
      // A plain loop: Eigen has no wasm SIMD kernels, and its expression came out scalar there.
      for (Eigen::Index col = 0; col < z.cols(); ++col) {
        float* v = z.col(col).data();
        for (Eigen::Index i = 0; i < z.rows(); ++i)
          v[i] = v[i] > 0.0f ? v[i] : 0.0f;
      }
      return;
    case Activation::Tanh:
      z.array() = z.array().tanh();
      return;
    case Activation::Softmax:
      for (Eigen::Index col = 0; col < z.cols(); ++col) {
        auto column = z.col(col).array();
        column = (column - column.maxCoeff()).exp();  // shifted by the max: e^x never overflows
        column /= column.sum();
      }
      return;
  }
}

void multiply_by_derivative(Activation activation, ConstMatrixView a, MatrixView delta) {
  // Plain loops, one column at a time: they vectorise in both builds (Eigen's select and products
  // came out scalar in wasm, a tenth of the cnn's training step there).
  for (Eigen::Index col = 0; col < delta.cols(); ++col) {
    const float* out = a.col(col).data();
    float* d = delta.col(col).data();
    const Eigen::Index rows = delta.rows();
    switch (activation) {
      case Activation::Sigmoid:
        // sigma'(z) = sigma(z) (1 - sigma(z)); the tutorial's "sigma(z) sigma(1 - z)" is a typo.
        for (Eigen::Index i = 0; i < rows; ++i)
          d[i] *= out[i] * (1.0f - out[i]);
        break;
      case Activation::Relu: {
        // By hand: GCC made the plain select a branch (half of ReLU's outputs are 0: a fifth of
        // the cnn's training step went to mispredictions), clang 14 left it scalar for wasm.
        Eigen::Index i = 0;
        for (; i + simd::kLanes <= rows; i += simd::kLanes)
          simd::store(d + i, simd::where_positive(simd::load(out + i), simd::load(d + i)));
        for (; i < rows; ++i)
          d[i] = out[i] > 0.0f ? d[i] : 0.0f;
        break;
      }
      case Activation::Tanh:
        for (Eigen::Index i = 0; i < rows; ++i)
          d[i] *= 1.0f - out[i] * out[i];
        break;
      case Activation::Softmax:
        throw std::logic_error("softmax derivative is applied by the loss, not element-wise");
    }
  }
}

}  // namespace nn
