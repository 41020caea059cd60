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
/// A model that decodes must re-encode to the very same bytes, and give finite outputs in the
/// output activation's range for an all-zero and an all-one input.
inline void check_model_file(const uint8_t* data, size_t size) {
  std::optional<nn::Model> model;
  try {
    model = nn::decode_model(data, size);
  } catch (const nn::ModelFormatError&) {
    return;
  }
  nn::validate_architecture(model->network.architecture());  // throws (escapes) if not
  FUZZ_CHECK(model->metadata.size() <= nn::kMaxModelMetadataBytes);
  FUZZ_CHECK(model->network.parameters_finite());

  const std::vector<uint8_t> encoded = nn::encode_model(model->network, model->metadata);
  FUZZ_CHECK(encoded.size() == size);
  FUZZ_CHECK(std::equal(encoded.begin(), encoded.end(), data));

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
