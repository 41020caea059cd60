#pragma once

// What every model-file fuzzer checks, whatever bytes it hands to the decoder.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "fuzz_check.h"
#include "nn/model_format.h"

namespace fuzz {

/// Decodes the bytes. A refusal must be a ModelFormatError (anything else escapes to libFuzzer).
/// A model that decodes must re-encode, in its own version, to the very same bytes (but for
/// version 1's hidden-activation byte when there is no hidden layer, which the network does not
/// keep), decode again to the same network, and give finite outputs in the output activation's
/// range for an all-zero and an all-one input.
inline void check_model_file(const uint8_t* data, size_t size) {
  std::optional<nn::Model> model;
  try {
    model = nn::decode_model(data, size);
  } catch (const nn::ModelFormatError&) {
    return;
  }
  const nn::Architecture& architecture = model->network.architecture();
  nn::validate_architecture(architecture);  // throws (escapes) if not
  FUZZ_CHECK(model->version == 1 || model->version == 2);
  FUZZ_CHECK(model->version == 2 || architecture.is_mlp());
  FUZZ_CHECK(model->metadata.size() <= nn::kMaxModelMetadataBytes);
  FUZZ_CHECK(model->network.parameters_finite());

  const std::vector<uint8_t> encoded =
      nn::encode_model(model->network, model->metadata, model->version);
  FUZZ_CHECK(encoded.size() == size);
  // Version 1, one weight layer: byte 20 is the hidden activation of no hidden layer, and the CRC.
  const bool lossy_v1 = model->version == 1 && architecture.layers.size() == 1;
  for (size_t i = 0; i < size; ++i) {
    if (!lossy_v1 || (i != 20 && i + 4 < size))
      FUZZ_CHECK(encoded[i] == data[i]);
  }
  const nn::Model again = nn::decode_model(encoded.data(), encoded.size());
  FUZZ_CHECK(again.network.architecture() == architecture);
  for (size_t p = 0; p < again.network.parameters().size(); ++p) {
    const nn::Parameter& a = again.network.parameters()[p];
    const nn::Parameter& b = model->network.parameters()[p];
    FUZZ_CHECK(a.size == b.size && std::equal(a.value, a.value + a.size, b.value));
  }

  // The decoder promises finite outputs for any input in [0, 1]: try both ends.
  nn::Network& network = model->network;
  for (const float pixel : {0.0f, 1.0f}) {
    const nn::Matrix input = nn::Matrix::Constant(network.input_size(), 1, pixel);
    const nn::ConstMatrixMap outputs = network.forward(input);
    FUZZ_CHECK(outputs.rows() == network.output_size() && outputs.cols() == 1);
    for (Eigen::Index i = 0; i < outputs.rows(); ++i) {
      const float a = outputs(i, 0);
      FUZZ_CHECK(a >= 0.0f && a <= 1.0f);  // false for NaN too: sigmoid and softmax are in [0, 1]
    }
  }
}

}  // namespace fuzz
