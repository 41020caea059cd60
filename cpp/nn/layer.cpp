#include "nn/layer.h"

#include <stdexcept>

namespace nn {

void Layer::require_trainable() const {
  if (!trainable_) {
    throw std::logic_error("this " + std::string(layer_kind_name(spec_.kind)) +
                           " layer was built for inference only: it has no gradients");
  }
}

}  // namespace nn
