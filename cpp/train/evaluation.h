#pragma once

#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "nn/matrix.h"
#include "nn/network.h"
#include "nn/sparse_batch.h"
#include "train/trainer.h"

namespace train {

/// A test sample the network got wrong, for the gallery of mistakes.
struct Mistake {
  int index;  // in the evaluated range
  int label;  // the truth
  int predicted;
  float confidence;  // the network's output for its prediction
};

/// Accuracy, loss and confusion matrix over a range of samples.
struct Evaluation {
  int classes = 0;
  int count = 0;
  int correct = 0;
  double loss_sum = 0.0;
  std::vector<int> confusion;  // classes x classes, row = true label, column = prediction
  std::vector<Mistake> mistakes;

  double accuracy() const { return count == 0 ? 0.0 : static_cast<double>(correct) / count; }
  double mean_loss() const { return count == 0 ? 0.0 : loss_sum / count; }
  int confusion_at(int label, int predicted) const {
    return confusion[label * classes + predicted];
  }
};

/// The index of the largest output in each column (ties go to the lower class).
int argmax(const Eigen::Ref<const nn::Vector>& outputs);

/// Evaluates a dataset in chunks (forward passes only, large batches), a little at a time so
/// the browser can stay responsive between calls.
class Evaluator {
 public:
  /// The most samples per forward pass: enough to amortise the per-pass overhead.
  static constexpr int kChunk = 500;
  /// A chunk's buffers (activations, a convolution's patches) stay below this: a 500-sample chunk
  /// of the cnn would unroll 29 MB of patches for its first convolution alone.
  static constexpr long long kChunkBufferBytes = 8ll << 20;

  /// Samples per forward pass for this network: kChunk, or fewer when its buffers would pass
  /// kChunkBufferBytes.
  static int chunk_size(const nn::Architecture& architecture);

  /// Starts over on `dataset`; keep_mistakes records every misclassified sample.
  void begin(const data::DatasetView& dataset, int classes, bool keep_mistakes);

  /// Evaluates up to max_samples more (at least one chunk); returns true when the range is done.
  bool advance(nn::Network& network, int max_samples);

  bool done() const { return next_ >= dataset_.count; }
  int evaluated() const { return next_; }
  const Evaluation& result() const { return result_; }

 private:
  data::DatasetView dataset_;
  bool keep_mistakes_ = false;
  int next_ = 0;
  Evaluation result_;
  double nonzero_fraction_ = 0.0;  // of the dataset's pixels: picks the sparse or dense path
  nn::SparseBatch sparse_inputs_;  // a chunk's nonzero pixels
  nn::Matrix dense_inputs_;        // a chunk's pixels, for networks that need them dense
};

/// Evaluates a whole dataset at once.
Evaluation evaluate(nn::Network& network,
                    const data::DatasetView& dataset,
                    bool keep_mistakes = false);

}  // namespace train
