#include "nn/parameter.h"

#include <algorithm>

namespace nn {

void copy_canonical(const Parameter& parameter, float* out) {
  if (!parameter.transposed) {
    std::copy(parameter.value, parameter.value + parameter.size, out);
    return;
  }
  const Eigen::Index rows = parameter.dims[0], cols = parameter.dims[1];
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      out, rows, cols) = Eigen::Map<const Eigen::MatrixXf>(parameter.value, rows, cols);
}

void assign_canonical(const Parameter& parameter, const float* in) {
  if (!parameter.transposed) {
    std::copy(in, in + parameter.size, parameter.value);
    return;
  }
  const Eigen::Index rows = parameter.dims[0], cols = parameter.dims[1];
  Eigen::Map<Eigen::MatrixXf>(parameter.value, rows, cols) =
      Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          in, rows, cols);
}

}  // namespace nn
