#pragma once

#include <Eigen/Core>

namespace nn {

/// Column-major float matrix; a batch has one column per sample (features x batch).
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<float, Eigen::Dynamic, 1>;

/// Views of matrices or of the first columns of preallocated ones (contiguous, column-major).
using MatrixView = Eigen::Ref<Matrix>;
using ConstMatrixView = Eigen::Ref<const Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;

}  // namespace nn
