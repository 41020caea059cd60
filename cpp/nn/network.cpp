#include "nn/network.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "nn/layers/flatten.h"
#include "nn/layers/max_pool.h"
#include "nn/loss.h"

namespace nn {
namespace {

std::unique_ptr<Layer> make_layer(const LayerSpec& spec,
                                  const Shape& input,
                                  bool trainable,
                                  Layer* below) {
  switch (spec.kind) {
    case LayerKind::Dense:
      return std::make_unique<DenseLayer>(spec, input, trainable);
    case LayerKind::Conv2D:
      return std::make_unique<Conv2DLayer>(spec, input, trainable);
    case LayerKind::MaxPool:
      return std::make_unique<MaxPoolLayer>(spec, input, trainable);
    case LayerKind::Flatten:
      return std::make_unique<FlattenLayer>(spec, input, trainable, below);
  }
  throw std::invalid_argument("unknown layer kind");
}

template <typename Concrete>
Concrete& layer_as(const std::vector<std::unique_ptr<Layer>>& layers,
                   size_t index,
                   LayerKind kind) {
  if (index >= layers.size() || layers[index]->kind() != kind) {
    throw std::invalid_argument("layer " + std::to_string(index) + " is not a " +
                                std::string(layer_kind_name(kind)) + " layer");
  }
  return static_cast<Concrete&>(*layers[index]);
}

}  // namespace

Network::Network(const Architecture& architecture, Purpose purpose)
    : architecture_(architecture), purpose_(purpose) {
  validate_architecture(architecture_);
  build();
}

void Network::build() {
  const bool trainable = purpose_ == Purpose::Training;
  Shape shape = architecture_.input;
  layers_.clear();
  parameters_.clear();
  parameter_layer_.clear();
  for (const LayerSpec& spec : architecture_.layers) {
    Layer* below = layers_.empty() ? nullptr : layers_.back().get();
    layers_.push_back(make_layer(spec, shape, trainable, below));
    for (Parameter& p : layers_.back()->parameters()) {
      parameters_.push_back(std::move(p));
      parameter_layer_.push_back(layers_.size() - 1);
    }
    shape = layers_.back()->output_shape();
  }
  find_first_learning();
  static_cast<DenseLayer&>(*layers_.back()).keep_logits(true);  // validated: the output is dense
}

Network::Network(const Network& other) : Network(other.architecture_, other.purpose_) {
  copy_parameters_from(other);
}

Network& Network::operator=(const Network& other) {
  if (this != &other) {
    architecture_ = other.architecture_;
    purpose_ = other.purpose_;
    build();
    batch_ = 0;
    copy_parameters_from(other);
  }
  return *this;
}

Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;
Network::~Network() = default;

DenseLayer& Network::dense(size_t index) {
  return layer_as<DenseLayer>(layers_, index, LayerKind::Dense);
}
const DenseLayer& Network::dense(size_t index) const {
  return layer_as<DenseLayer>(layers_, index, LayerKind::Dense);
}
Conv2DLayer& Network::conv2d(size_t index) {
  return layer_as<Conv2DLayer>(layers_, index, LayerKind::Conv2D);
}
const Conv2DLayer& Network::conv2d(size_t index) const {
  return layer_as<Conv2DLayer>(layers_, index, LayerKind::Conv2D);
}

void Network::freeze_layer(size_t index) {
  layer(index).set_frozen(true);
  find_first_learning();
}

void Network::find_first_learning() {
  first_learning_ = 0;
  while (first_learning_ < layers_.size() &&
         (!layers_[first_learning_]->spec().has_parameters() || layers_[first_learning_]->frozen()))
    ++first_learning_;
}

long long Network::parameter_count() const {
  long long count = 0;
  for (const Parameter& p : parameters_)
    count += p.size;
  return count;
}

void Network::reserve(Eigen::Index columns) {
  for (auto& layer : layers_)
    layer->reserve(columns);
}

ConstMatrixMap Network::logits() const {
  return static_cast<const DenseLayer&>(*layers_.back()).logits(batch_);
}

namespace {

void forward_first(Layer& layer, ConstMatrixView input) {
  layer.forward(input);
}
void forward_first(Layer& layer, const SparseBatch& input) {
  static_cast<DenseLayer&>(layer).forward(input);  // accepts_sparse_input() was checked
}
void backward_first(Layer& layer, ConstMatrixView input) {
  layer.backward(input, nullptr);  // the input needs no gradient: skip W^T delta
}
void backward_first(Layer& layer, const SparseBatch& input) {
  static_cast<DenseLayer&>(layer).backward(input);
}

}  // namespace

template <typename Input>
ConstMatrixMap Network::forward_from(const Input& input, Eigen::Index batch) {
  batch_ = batch;
  forward_first(*layers_.front(), input);
  for (size_t i = 1; i < layers_.size(); ++i)
    layers_[i]->forward(layers_[i - 1]->output(batch_));
  return layers_.back()->output(batch_);
}

template <typename Input>
float Network::backward_from(const Input& input, const uint8_t* labels) {
  if (!trainable())
    throw std::logic_error("this network was built for inference only: it cannot be trained");
  const Eigen::Index n = batch_;
  auto& top = static_cast<DenseLayer&>(*layers_.back());
  const float loss = loss_and_delta(architecture_.loss, architecture_.output_activation(),
                                    top.logits(n), top.output(n), labels, top.delta(n));
  if (first_learning_ == layers_.size())
    return loss;  // every layer frozen: no gradient to compute
  for (size_t i = layers_.size(); i-- > 0;) {
    Layer& layer = *layers_[i];
    if (i == 0) {
      backward_first(layer, input);
      break;
    }
    Layer& below = *layers_[i - 1];
    const ConstMatrixMap below_output = below.output(n);
    if (i == first_learning_) {  // nothing below learns: no input delta to compute
      layer.backward(below_output, nullptr);
      break;
    }
    MatrixView below_delta = below.delta(n);
    layer.backward(below_output, &below_delta);
    if (below.has_activation())
      multiply_by_derivative(below.activation(), below_output, below_delta);
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
  if (!accepts_sparse_input())
    throw std::invalid_argument("a sparse batch needs a network whose first layer is dense");
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
  for (const Parameter& p : parameters_) {
    if (!Eigen::Map<const Vector>(p.value, p.size).allFinite())
      return false;
  }
  return true;
}

bool Network::forward_pass_bounded() const {
  // bound[i]: the largest |value| the i-th input of the current layer can take.
  Eigen::VectorXd bound = Eigen::VectorXd::Ones(input_size());
  for (const auto& layer : layers_) {
    const Shape& in = layer->input_shape();
    Eigen::VectorXd z;
    switch (layer->kind()) {
      case LayerKind::Dense: {
        const auto& dense = static_cast<const DenseLayer&>(*layer);
        const Matrix& w = dense.weights();
        z = dense.bias().cast<double>().cwiseAbs();
        for (Eigen::Index col = 0; col < w.cols(); ++col)
          z += w.col(col).cast<double>().cwiseAbs() * bound[col];
        break;
      }
      case LayerKind::Conv2D: {
        const auto& conv = static_cast<const Conv2DLayer&>(*layer);
        const int area = in.area(), window = conv.kernel() * conv.kernel();
        // Each kernel weight of channel c multiplies some value of channel c (or a padding zero).
        Eigen::VectorXd per_channel(in.channels);
        for (int c = 0; c < in.channels; ++c)
          per_channel[c] = bound.segment(static_cast<Eigen::Index>(c) * area, area).maxCoeff();
        const int positions = layer->output_shape().area();
        z.resize(layer->output_size());
        for (int f = 0; f < conv.filters(); ++f) {
          double sum = std::abs(static_cast<double>(conv.bias()[f]));
          for (int c = 0; c < in.channels; ++c) {
            sum +=
                conv.weights().col(f).segment(c * window, window).cast<double>().cwiseAbs().sum() *
                per_channel[c];
          }
          z.segment(static_cast<Eigen::Index>(f) * positions, positions).setConstant(sum);
        }
        break;
      }
      case LayerKind::MaxPool: {
        const Shape& out = layer->output_shape();
        Eigen::VectorXd pooled(layer->output_size());
        int o = 0;
        for (int c = 0; c < out.channels; ++c) {
          for (int oy = 0; oy < out.height; ++oy) {
            for (int ox = 0; ox < out.width; ++ox, ++o) {
              const int top = (c * in.height + 2 * oy) * in.width + 2 * ox;
              pooled[o] = std::max(std::max(bound[top], bound[top + 1]),
                                   std::max(bound[top + in.width], bound[top + in.width + 1]));
            }
          }
        }
        bound = std::move(pooled);
        continue;  // no activation, nothing to check
      }
      case LayerKind::Flatten:
        continue;
    }
    if (!(z.maxCoeff() <= kMaxPreActivation))
      return false;
    if (layer->activation() == Activation::Relu) {
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
  for (size_t i = 0; i < parameters_.size(); ++i) {
    const Parameter& from = other.parameters_[i];
    std::copy(from.value, from.value + from.size, parameters_[i].value);
  }
}

}  // namespace nn
