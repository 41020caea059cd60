#include "nn/network.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace nn {

Network::Network(const Architecture& architecture) : architecture_(architecture) {
  validate_architecture(architecture_);
  const auto& sizes = architecture_.sizes;
  layers_.reserve(sizes.size() - 1);
  for (size_t i = 1; i < sizes.size(); ++i) {
    const bool is_output = i + 1 == sizes.size();
    layers_.emplace_back(
        sizes[i - 1], sizes[i],
        is_output ? architecture_.output_activation : architecture_.hidden_activation);
  }
}

template <typename Input>
ConstMatrixMap Network::forward_from(const Input& input, Eigen::Index batch) {
  batch_ = batch;
  if (logits_.cols() < batch_)
    logits_.resize(output_size(), batch_);
  for (size_t i = 0; i < layers_.size(); ++i) {
    DenseLayer& layer = layers_[i];
    MatrixView z =
        i == 0 ? layer.pre_activate(input) : layer.pre_activate(layers_[i - 1].output(batch_));
    if (i + 1 == layers_.size())
      logits_.leftCols(batch_) = z;
    activate(layer.activation(), z);
  }
  return std::as_const(layers_.back()).output(batch_);
}

template <typename Input>
float Network::backward_from(const Input& input, const uint8_t* labels) {
  const Eigen::Index n = batch_;
  DenseLayer& top = layers_.back();
  const float loss = loss_and_delta(architecture_.loss, architecture_.output_activation, logits(),
                                    top.output(n), labels, top.delta(n));
  for (size_t i = layers_.size(); i-- > 0;) {
    DenseLayer& layer = layers_[i];
    if (i == 0) {
      layer.backward(input);  // the input needs no gradient: skip W^T delta, a third of the work
      break;
    }
    DenseLayer& below = layers_[i - 1];
    layer.backward(below.output(n));
    layer.propagate_delta(n, below.delta(n));
    multiply_by_derivative(below.activation(), below.output(n), below.delta(n));
  }
  return loss;
}

ConstMatrixMap Network::forward(ConstMatrixView input) {
  if (input.rows() != input_size()) {
    throw std::invalid_argument("input has " + std::to_string(input.rows()) +
                                " rows; the network expects " + std::to_string(input_size()));
  }
  return forward_from(input, input.cols());
}

ConstMatrixMap Network::forward(const SparseBatch& input) {
  if (input.inputs != input_size()) {
    throw std::invalid_argument("input has " + std::to_string(input.inputs) +
                                " rows; the network expects " + std::to_string(input_size()));
  }
  return forward_from(input, input.samples);
}

float Network::backward(ConstMatrixView input, const uint8_t* labels) {
  return backward_from(input, labels);
}

float Network::backward(const SparseBatch& input, const uint8_t* labels) {
  return backward_from(input, labels);
}

bool Network::parameters_finite() const {
  for (const DenseLayer& layer : layers_) {
    if (!layer.weights().allFinite() || !layer.bias().allFinite())
      return false;
  }
  return true;
}

bool Network::forward_pass_bounded() const {
  Eigen::VectorXd bound = Eigen::VectorXd::Ones(input_size());  // max |a| of the layer below
  for (const DenseLayer& layer : layers_) {
    const Matrix& w = layer.weights();
    Eigen::VectorXd z = layer.bias().cast<double>().cwiseAbs();
    for (Eigen::Index col = 0; col < w.cols(); ++col) {
      z += w.col(col).cast<double>().cwiseAbs() * bound[col];
    }
    if (!(z.maxCoeff() <= kMaxPreActivation))
      return false;
    if (layer.activation() == Activation::Relu) {
      bound = std::move(z);
    } else {
      bound.setOnes(z.size());
    }
  }
  return true;
}

void Network::copy_parameters_from(const Network& other) {
  if (other.architecture_ != architecture_) {
    throw std::invalid_argument("cannot copy parameters between different architectures");
  }
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i].weights() = other.layers_[i].weights();
    layers_[i].bias() = other.layers_[i].bias();
  }
}

}  // namespace nn
