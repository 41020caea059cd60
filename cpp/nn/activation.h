#pragma once

#include <string_view>

#include "nn/matrix.h"

namespace nn {

/// Element-wise activations for hidden layers, plus the two output activations.
/// Codes are stored in model files: never renumber them.
enum class Activation : unsigned char { Sigmoid = 0, Relu = 1, Tanh = 2, Softmax = 3 };

std::string_view activation_name(Activation activation);

/// Parses "sigmoid", "relu", "tanh" or "softmax"; throws std::invalid_argument otherwise.
Activation parse_activation(std::string_view name);

/// True for the activations a hidden layer may use (softmax couples units, so it is output-only).
bool is_hidden_activation(Activation activation);

/// True for the activations an output layer may use.
bool is_output_activation(Activation activation);

/// a = f(z), in place, for one batch (units x batch). Softmax normalises each column stably.
void activate(Activation activation, MatrixView z);

/// delta := delta .* f'(z), with f'(z) written in terms of the output a = f(z):
/// sigmoid a(1 - a), tanh 1 - a^2, relu [a > 0]. Not defined for softmax (see loss.h).
void multiply_by_derivative(Activation activation, ConstMatrixView a, MatrixView delta);

}  // namespace nn
