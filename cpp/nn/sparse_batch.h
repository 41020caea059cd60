#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nn {

/// A batch of inputs that are mostly zero (MNIST pixels: about 19% are ink), stored as their
/// nonzeros twice: by sample (for the forward product W x) and by input (for the weight gradient
/// delta x^T). Skipping the zeros skips most of the first layer's work, exactly.
/// Arrays are sized for a whole dense batch once and reused, so filling one never allocates.
struct SparseBatch {
  int inputs = 0;   // rows of the dense batch
  int samples = 0;  // columns of the dense batch

  // By sample (CSR): sample s's nonzeros are [sample_start[s], sample_start[s + 1]).
  std::vector<int32_t> sample_start;
  std::vector<int32_t> input_index;
  std::vector<float> sample_value;

  // By input (CSC): input k's nonzeros are [input_start[k], input_start[k + 1]).
  std::vector<int32_t> input_start;
  std::vector<int32_t> sample_index;
  std::vector<float> input_value;

  int nonzeros() const { return sample_start.empty() ? 0 : sample_start[samples_done_]; }

  /// Starts an empty batch of `sample_count` samples of `inputs_per_sample` inputs.
  void reset(int inputs_per_sample, int sample_count);

  /// Appends a nonzero to the sample being built (samples are built in order).
  void push(int32_t input, float value) {
    input_index[next_] = input;
    sample_value[next_] = value;
    ++next_;
  }
  /// Ends the current sample.
  void end_sample() { sample_start[++samples_done_] = static_cast<int32_t>(next_); }

  /// Fills the by-input arrays from the by-sample ones (a counting sort; call once per batch).
  void index_by_input();

 private:
  size_t next_ = 0;
  int samples_done_ = 0;
  std::vector<int32_t> scratch_;
};

}  // namespace nn
