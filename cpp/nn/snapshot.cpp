#include "nn/snapshot.h"

#include <algorithm>
#include <stdexcept>

namespace nn {

void ParameterSnapshot::save(const Network& network) {
  values_.resize(static_cast<size_t>(network.parameter_count()));
  float* out = values_.data();
  for (const Parameter& p : network.parameters())
    out = std::copy(p.value, p.value + p.size, out);
}

void ParameterSnapshot::restore(Network& network) const {
  if (static_cast<long long>(values_.size()) != network.parameter_count())
    throw std::logic_error("the snapshot was taken from a network of another size");
  const float* in = values_.data();
  for (const Parameter& p : network.parameters()) {
    std::copy(in, in + p.size, p.value);
    in += p.size;
  }
}

}  // namespace nn
