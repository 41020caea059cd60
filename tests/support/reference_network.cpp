#include "support/reference_network.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace test_support {
namespace {

void apply(nn::Activation activation, ReferenceMatrix& z) {
  switch (activation) {
    case nn::Activation::Sigmoid:
      z = (1.0 / (1.0 + (-z.array()).exp())).matrix();
      return;
    case nn::Activation::Relu:
      z = z.cwiseMax(0.0);
      return;
    case nn::Activation::Tanh:
      z = z.array().tanh().matrix();
      return;
    case nn::Activation::Softmax:
      for (Eigen::Index col = 0; col < z.cols(); ++col) {
        const double max = z.col(col).maxCoeff();
        z.col(col) = (z.col(col).array() - max).exp().matrix();
        z.col(col) /= z.col(col).sum();
      }
      return;
  }
}

}  // namespace

ReferenceMatrix reference_conv2d(const ReferenceMatrix& input,
                                 const nn::Shape& in,
                                 const float* weights,
                                 const float* bias,
                                 int filters,
                                 int kernel,
                                 int pad) {
  const int out_h = in.height + 2 * pad - kernel + 1, out_w = in.width + 2 * pad - kernel + 1;
  ReferenceMatrix out(static_cast<Eigen::Index>(filters) * out_h * out_w, input.cols());
  for (Eigen::Index s = 0; s < input.cols(); ++s) {
    for (int f = 0; f < filters; ++f) {
      for (int y = 0; y < out_h; ++y) {
        for (int x = 0; x < out_w; ++x) {
          double sum = bias[f];
          for (int c = 0; c < in.channels; ++c) {
            for (int ky = 0; ky < kernel; ++ky) {
              for (int kx = 0; kx < kernel; ++kx) {
                const int iy = y + ky - pad, ix = x + kx - pad;
                if (iy < 0 || iy >= in.height || ix < 0 || ix >= in.width)
                  continue;
                const double w = weights[((f * in.channels + c) * kernel + ky) * kernel + kx];
                sum += w * input((c * in.height + iy) * in.width + ix, s);
              }
            }
          }
          out((f * out_h + y) * out_w + x, s) = sum;
        }
      }
    }
  }
  return out;
}

ReferenceMatrix reference_max_pool(const ReferenceMatrix& input,
                                   const nn::Shape& in,
                                   double* smallest_gap) {
  const int out_h = in.height / 2, out_w = in.width / 2;
  ReferenceMatrix out(static_cast<Eigen::Index>(in.channels) * out_h * out_w, input.cols());
  for (Eigen::Index s = 0; s < input.cols(); ++s) {
    for (int c = 0; c < in.channels; ++c) {
      for (int y = 0; y < out_h; ++y) {
        for (int x = 0; x < out_w; ++x) {
          double best = -std::numeric_limits<double>::infinity(), second = best;
          for (int dy = 0; dy < 2; ++dy) {
            for (int dx = 0; dx < 2; ++dx) {
              const double v = input((c * in.height + 2 * y + dy) * in.width + 2 * x + dx, s);
              second = std::max(second, std::min(best, v));
              best = std::max(best, v);
            }
          }
          out((c * out_h + y) * out_w + x, s) = best;
          if (smallest_gap)
            *smallest_gap = std::min(*smallest_gap, best - second);
        }
      }
    }
  }
  return out;
}

ReferenceMatrix reference_forward(const nn::Network& network,
                                  const ReferenceMatrix& input,
                                  Kinks* kinks) {
  Kinks found;
  ReferenceMatrix a = input;
  for (size_t i = 0; i < network.layer_count(); ++i) {
    const nn::Layer& layer = network.layer(i);
    ReferenceMatrix z;
    switch (layer.kind()) {
      case nn::LayerKind::Dense: {
        const nn::DenseLayer& dense = network.dense(i);
        z = dense.weights().cast<double>() * a;
        z.colwise() += dense.bias().cast<double>();
        break;
      }
      case nn::LayerKind::Conv2D: {
        const nn::Conv2DLayer& conv = network.conv2d(i);
        z = reference_conv2d(a, layer.input_shape(), conv.weights().data(), conv.bias().data(),
                             conv.filters(), conv.kernel(),
                             conv.padding() == nn::Padding::Same ? (conv.kernel() - 1) / 2 : 0);
        break;
      }
      case nn::LayerKind::MaxPool:
        a = reference_max_pool(a, layer.input_shape(), &found.pool_gap);
        continue;
      case nn::LayerKind::Flatten:
        continue;
    }
    if (layer.activation() == nn::Activation::Relu)
      found.relu_input = std::min(found.relu_input, z.cwiseAbs().minCoeff());
    apply(layer.activation(), z);
    a = z;
  }
  if (kinks)
    *kinks = found;
  return a;
}

}  // namespace test_support
