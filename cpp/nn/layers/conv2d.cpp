#include "nn/layers/conv2d.h"

namespace nn {

Conv2DLayer::Conv2DLayer(const LayerSpec& spec, const Shape& input, bool trainable)
    : Layer(spec, input, trainable) {
  geometry_.in = input;
  geometry_.out = output_shape();
  geometry_.kernel = spec.kernel;
  geometry_.pad = spec.padding == Padding::Same ? (spec.kernel - 1) / 2 : 0;
  weights_ = Matrix::Zero(geometry_.patch_size(), spec.units);
  bias_ = Vector::Zero(spec.units);
  if (trainable) {
    weight_gradient_ = Matrix::Zero(geometry_.patch_size(), spec.units);
    bias_gradient_ = Vector::Zero(spec.units);
  }
  output_.resize(output_size(), 0);
  delta_.resize(output_size(), 0);
}

void Conv2DLayer::reserve(Eigen::Index columns) {
  if (capacity_ >= columns)
    return;
  capacity_ = columns;
  const Eigen::Index rows = columns * geometry_.positions();
  patches_.resize(rows * geometry_.patch_size());
  product_.resize(rows * filters());
  output_.resize(output_size(), columns);
  if (trainable()) {
    delta_.resize(output_size(), columns);
    if (patch_gradient_.size() > 0)  // only once a backward pass asked for the input's delta
      patch_gradient_.resize(rows * geometry_.patch_size());
  }
}

// One product per batch, (n P) x (C k k) times (C k k) x filters, rather than one per sample or a
// direct loop: the long side (n P, 36,864 rows for the cnn's first layer at batch 64) is the one
// Eigen's kernel blocks best, and the filters (6, 16) are the short side it handles as 4-wide
// panels.
void Conv2DLayer::forward(ConstMatrixView input) {
  const Eigen::Index n = input.cols();
  reserve(n);
  const int P = geometry_.positions();
  const Eigen::Index rows = n * P;
  unroll_patches(geometry_, input.data(), input.outerStride(), static_cast<int>(n),
                 patches_.data());
  const Eigen::Map<const Matrix> patches(patches_.data(), rows, geometry_.patch_size());
  Eigen::Map<Matrix> product(product_.data(), rows, filters());
  product.noalias() = patches * weights_;
  // (n P) x filters -> one CHW column per sample, adding the bias on the way.
  for (Eigen::Index s = 0; s < n; ++s) {
    for (int f = 0; f < filters(); ++f) {
      output_.col(s).segment(f * P, P) = product.col(f).segment(s * P, P).array() + bias_[f];
    }
  }
  activate(activation(), output_.leftCols(n));
}

MatrixView Conv2DLayer::delta(Eigen::Index n) {
  require_trainable();
  return delta_.leftCols(n);
}

void Conv2DLayer::backward(ConstMatrixView input, MatrixView* input_delta) {
  require_trainable();
  const Eigen::Index n = input.cols();
  const int P = geometry_.positions();
  const Eigen::Index rows = n * P;
  // dC/dz, from one CHW column per sample back to the (n P) x filters layout of the product.
  Eigen::Map<Matrix> dz(product_.data(), rows, filters());
  for (Eigen::Index s = 0; s < n; ++s) {
    for (int f = 0; f < filters(); ++f)
      dz.col(f).segment(s * P, P) = delta_.col(s).segment(f * P, P);
  }
  const Eigen::Map<const Matrix> patches(patches_.data(), rows, geometry_.patch_size());
  // d(L)/d(W) = patches' dz: every window, weighted by its output's gradient.
  weight_gradient_.noalias() = patches.transpose() * dz;
  bias_gradient_.noalias() = dz.colwise().sum().transpose();
  if (input_delta) {
    if (patch_gradient_.size() < rows * geometry_.patch_size())
      patch_gradient_.resize(capacity_ * P * geometry_.patch_size());
    Eigen::Map<Matrix> patch_gradient(patch_gradient_.data(), rows, geometry_.patch_size());
    patch_gradient.noalias() = dz * weights_.transpose();
    fold_patches(geometry_, patch_gradient_.data(), static_cast<int>(n), input_delta->data(),
                 input_delta->outerStride());
  }
}

std::vector<Parameter> Conv2DLayer::parameters() {
  const int k = kernel();
  Parameter weight;
  weight.value = weights_.data();
  weight.gradient = trainable() ? weight_gradient_.data() : nullptr;
  weight.size = weights_.size();
  weight.dims = {filters(), input_shape().channels, k, k};
  weight.fan_in = geometry_.patch_size();
  weight.fan_out = filters() * k * k;

  Parameter bias;
  bias.role = Parameter::Role::Bias;
  bias.value = bias_.data();
  bias.gradient = trainable() ? bias_gradient_.data() : nullptr;
  bias.size = bias_.size();
  bias.dims = {filters()};
  bias.fan_in = weight.fan_in;
  bias.fan_out = weight.fan_out;
  return {weight, bias};
}

}  // namespace nn
