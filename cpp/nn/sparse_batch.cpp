#include "nn/sparse_batch.h"

namespace nn {

void SparseBatch::reset(int inputs_per_sample, int sample_count) {
  inputs = inputs_per_sample;
  samples = sample_count;
  const size_t capacity = static_cast<size_t>(inputs) * static_cast<size_t>(samples);
  if (input_index.size() < capacity) {  // grows only when a batch is larger than any before
    input_index.resize(capacity);
    sample_value.resize(capacity);
  }
  sample_start.resize(static_cast<size_t>(samples) + 1);
  sample_start[0] = 0;
  next_ = 0;
  samples_done_ = 0;
}

void SparseBatch::index_by_input() {
  const int32_t count = nonzeros();
  input_start.assign(static_cast<size_t>(inputs) + 1, 0);
  for (int32_t j = 0; j < count; ++j)
    ++input_start[static_cast<size_t>(input_index[j]) + 1];
  for (int k = 0; k < inputs; ++k)
    input_start[k + 1] += input_start[k];
  if (sample_index.size() < static_cast<size_t>(count)) {
    sample_index.resize(input_index.size());
    input_value.resize(input_index.size());
  }
  // Scatter in sample order, so each input's list stays sorted by sample.
  scratch_.assign(input_start.begin(), input_start.end() - 1);
  for (int s = 0; s < samples; ++s) {
    for (int32_t j = sample_start[s]; j < sample_start[s + 1]; ++j) {
      const int32_t slot = scratch_[input_index[j]]++;
      sample_index[slot] = s;
      input_value[slot] = sample_value[j];
    }
  }
}

}  // namespace nn
