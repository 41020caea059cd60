#include "nn/dense_layer.h"

#include "nn/kernels.h"

namespace nn {

DenseLayer::DenseLayer(int inputs, int outputs, Activation activation)
    : activation_(activation),
      weights_(Matrix::Zero(outputs, inputs)),
      bias_(Vector::Zero(outputs)),
      weight_gradient_(Matrix::Zero(outputs, inputs)),
      bias_gradient_(Vector::Zero(outputs)),
      output_(outputs, 0),
      delta_(outputs, 0) {}

void DenseLayer::reserve(Eigen::Index columns) {
  if (output_.cols() >= columns)
    return;
  output_.resize(outputs(), columns);
  delta_.resize(outputs(), columns);
}

MatrixView DenseLayer::pre_activate(ConstMatrixView input) {
  reserve(input.cols());
  auto z = output_.leftCols(input.cols());
  z.noalias() = weights_ * input;
  z.colwise() += bias_;
  return z;
}

MatrixView DenseLayer::pre_activate(const SparseBatch& input) {
  reserve(input.samples);
  auto z = output_.leftCols(input.samples);
  for (int s = 0; s < input.samples; ++s) {
    const int32_t first = input.sample_start[s];
    accumulate_columns(weights_.data(), weights_.rows(), outputs(),
                       input.input_index.data() + first, input.sample_value.data() + first,
                       input.sample_start[s + 1] - first, bias_.data(), z.col(s).data());
  }
  return z;
}

void DenseLayer::backward(const SparseBatch& input) {
  const auto delta = delta_.leftCols(input.samples);
  for (int k = 0; k < input.inputs; ++k) {
    const int32_t first = input.input_start[k];
    if (input.input_start[k + 1] == first) {  // zero in every sample (MNIST's border pixels)
      weight_gradient_.col(k).setZero();
      continue;
    }
    accumulate_columns(delta.data(), delta_.rows(), outputs(), input.sample_index.data() + first,
                       input.input_value.data() + first, input.input_start[k + 1] - first, nullptr,
                       weight_gradient_.col(k).data());
  }
  bias_gradient_.noalias() = delta.rowwise().sum();
}

void DenseLayer::backward(ConstMatrixView input) {
  const auto delta = delta_.leftCols(input.cols());
  weight_gradient_.noalias() = delta * input.transpose();
  // Per unit, summed over the batch. The tutorial's np.sum(delta) adds every unit's delta into one
  // number shared by all biases, which is not the gradient.
  bias_gradient_.noalias() = delta.rowwise().sum();
}

void DenseLayer::propagate_delta(Eigen::Index n, MatrixView input_delta) const {
  input_delta.noalias() = weights_.transpose() * delta_.leftCols(n);
}

}  // namespace nn
