#include "nn/dense_layer.h"

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
  if (output_.cols() >= columns) return;
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
