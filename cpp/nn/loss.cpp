#include "nn/loss.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nn {
namespace {

// log(1 + e^x) without overflow for large x or loss of precision for very negative x.
float softplus(float x) {
  return x > 0.0f ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

// log sum_i e^{z_i}, shifted by the max so e^x never overflows.
float log_sum_exp(const Eigen::Ref<const Vector>& z) {
  const float max = z.maxCoeff();
  return max + std::log((z.array() - max).exp().sum());
}

double column_loss(Loss loss,
                   Activation output_activation,
                   const Eigen::Ref<const Vector>& z,
                   const Eigen::Ref<const Vector>& a,
                   int label) {
  if (loss == Loss::MeanSquaredError) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
      const float y = i == label ? 1.0f : 0.0f;
      sum += 0.5 * double(a[i] - y) * double(a[i] - y);
    }
    return sum;
  }
  if (output_activation == Activation::Softmax)
    return log_sum_exp(z) - z[label];
  // Sigmoid cross-entropy per unit: -[y log s(z) + (1-y) log(1-s(z))] = softplus(z) - y z.
  double sum = 0.0;
  for (Eigen::Index i = 0; i < z.size(); ++i)
    sum += softplus(z[i]) - (i == label ? z[i] : 0.0f);
  return sum;
}

// A label at or past the output count would index past the outputs: refuse it.
void check_labels(const uint8_t* labels, Eigen::Index count, Eigen::Index classes) {
  for (Eigen::Index i = 0; i < count; ++i) {
    if (labels[i] >= classes) {
      throw std::out_of_range("label " + std::to_string(labels[i]) + " is outside the network's " +
                              std::to_string(classes) + " outputs");
    }
  }
}

}  // namespace

std::string_view loss_name(Loss loss) {
  switch (loss) {
    case Loss::MeanSquaredError:
      return "mse";
    case Loss::CrossEntropy:
      return "cross-entropy";
  }
  return "unknown";
}

Loss parse_loss(std::string_view name) {
  if (name == "mse")
    return Loss::MeanSquaredError;
  if (name == "cross-entropy" || name == "ce")
    return Loss::CrossEntropy;
  throw std::invalid_argument("unknown loss '" + std::string(name) +
                              "': expected mse or cross-entropy");
}

double loss_sum(Loss loss,
                Activation output_activation,
                ConstMatrixView logits,
                ConstMatrixView outputs,
                const uint8_t* labels) {
  check_labels(labels, outputs.cols(), outputs.rows());
  double sum = 0.0;
  for (Eigen::Index col = 0; col < outputs.cols(); ++col) {
    sum += column_loss(loss, output_activation, logits.col(col), outputs.col(col), labels[col]);
  }
  return sum;
}

float loss_and_delta(Loss loss,
                     Activation output_activation,
                     ConstMatrixView logits,
                     ConstMatrixView outputs,
                     const uint8_t* labels,
                     MatrixView delta) {
  check_labels(labels, outputs.cols(), outputs.rows());
  const auto n = static_cast<float>(outputs.cols());
  // dC/da for MSE, and dC/dz for both cross-entropies: (a - y) / n.
  delta = outputs / n;
  for (Eigen::Index col = 0; col < outputs.cols(); ++col)
    delta(labels[col], col) -= 1.0f / n;

  if (loss == Loss::MeanSquaredError) {
    if (output_activation == Activation::Softmax) {
      // Softmax Jacobian: dC/dz_i = a_i (g_i - sum_j g_j a_j), with g = dC/da.
      for (Eigen::Index col = 0; col < outputs.cols(); ++col) {
        const float g_dot_a = delta.col(col).dot(outputs.col(col));
        delta.col(col).array() = outputs.col(col).array() * (delta.col(col).array() - g_dot_a);
      }
    } else {
      multiply_by_derivative(output_activation, outputs, delta);
    }
  }
  return static_cast<float>(loss_sum(loss, output_activation, logits, outputs, labels) / n);
}

}  // namespace nn
