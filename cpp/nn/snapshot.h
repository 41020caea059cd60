#pragma once

#include <vector>

#include "nn/network.h"

namespace nn {

/// The values of every parameter of a network, to restore later: the trainer's rollback to the
/// weights a slice started from. Values only (no gradients, no buffers), in parameters() order.
class ParameterSnapshot {
 public:
  /// Copies the network's parameters; allocates only the first time (or for a larger network).
  void save(const Network& network);

  /// Writes the saved values back. Throws std::logic_error when the network has a different
  /// number of parameters than the one saved.
  void restore(Network& network) const;

 private:
  std::vector<float> values_;
};

}  // namespace nn
