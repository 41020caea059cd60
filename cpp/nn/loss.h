#pragma once

#include <cstdint>
#include <string_view>

#include "nn/activation.h"
#include "nn/matrix.h"

namespace nn {

/// Codes are stored in model files: never renumber them.
enum class Loss : unsigned char { MeanSquaredError = 0, CrossEntropy = 1 };

std::string_view loss_name(Loss loss);

/// Parses "mse" or "cross-entropy" (also "ce"); throws std::invalid_argument otherwise.
Loss parse_loss(std::string_view name);

/// The loss of one batch and its gradient with respect to the output pre-activations z.
///
/// Targets are one-hot class labels. With n the batch size and the sums over samples and units:
///   mean squared error  C = 1/(2n) sum (y - a)^2         (the tutorial's cost)
///   cross-entropy       C = -1/n sum log a_y             (softmax output)
///                       C = -1/n sum [y log a + (1-y) log(1-a)]   (sigmoid output, per unit)
/// Cross-entropy is computed from the logits z, so it stays finite for |z| = 1000.
///
/// logits, outputs: classes x n (outputs = activation(logits)); labels: n class indices, each
/// below classes (std::out_of_range otherwise). Writes dC/dz into delta (classes x n), returns C.
float loss_and_delta(Loss loss,
                     Activation output_activation,
                     ConstMatrixView logits,
                     ConstMatrixView outputs,
                     const uint8_t* labels,
                     MatrixView delta);

/// The loss alone, summed over the batch (not averaged), for evaluation.
double loss_sum(Loss loss,
                Activation output_activation,
                ConstMatrixView logits,
                ConstMatrixView outputs,
                const uint8_t* labels);

}  // namespace nn
