#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/augment.h"
#include "data/dataset.h"
#include "nn/matrix.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/random.h"
#include "nn/sparse_batch.h"
#include "train/config.h"

namespace train {

/// What one call to Trainer::train_batches did.
struct SliceResult {
  int batches = 0;        // trained in this call
  int samples = 0;        // in those batches (the last batch of an epoch may be smaller)
  bool diverged = false;  // a loss or weight became NaN or infinite; the weights were rolled back
  std::string message;    // why, when diverged
};

/// Mini-batch training over one dataset: reshuffles every epoch, steps the optimizer and the
/// learning-rate schedule, and runs a few batches per call so callers can interleave other work.
/// All buffers are allocated up front: the batch loop allocates nothing.
class Trainer {
 public:
  /// The network must outlive the trainer. Throws ConfigError for a bad configuration.
  Trainer(nn::Network& network, const data::DatasetView& train, const TrainConfig& config);

  /// Trains up to max_batches, stopping at the end of the epoch. If any batch's loss or any weight
  /// stops being finite, restores the weights from before this call and reports divergence; a
  /// diverged trainer trains no more (its optimizer state and position are not rolled back).
  SliceResult train_batches(int max_batches);

  /// Losses of the batches the last train_batches call trained, in order.
  const std::vector<float>& slice_losses() const { return slice_losses_; }

  int epoch() const { return epoch_; }  // 0-based; equals epochs() once every epoch is done
  int epochs() const { return config_.epochs; }
  int batch() const { return batch_; }  // batches done in the current epoch
  int batches_per_epoch() const { return batches_per_epoch_; }
  bool epoch_complete() const { return batch_ == batches_per_epoch_; }
  bool finished() const { return epoch_ >= config_.epochs; }
  bool diverged() const { return !divergence_.empty(); }
  double epoch_mean_loss() const { return batch_ == 0 ? 0.0 : epoch_loss_sum_ / batch_; }
  float learning_rate() const { return current_learning_rate_; }

  /// Moves past a completed epoch: the next call trains the next one, on a fresh shuffle.
  void next_epoch();

  const TrainConfig& config() const { return config_; }

  /// The last trained batch's images and labels, as the network saw them (distorted when the
  /// configuration augments).
  const data::BatchAugmenter& batches() const { return batches_; }

 private:
  void shuffle();
  // Restores the slice's starting weights and records why training diverged at `batch` (1-based).
  void roll_back(SliceResult& result, int batch, const std::string& reason);

  nn::Network& network_;
  data::DatasetView train_;
  TrainConfig config_;
  nn::Optimizer optimizer_;
  nn::Random random_;
  std::vector<uint32_t> order_;  // this epoch's sample order
  data::BatchAugmenter batches_;
  nn::SparseBatch inputs_;       // this batch's nonzero pixels
  std::vector<uint8_t> labels_;  // batch_size
  nn::Network snapshot_;         // the weights before the current slice, for rollback
  std::vector<float> slice_losses_;
  std::string divergence_;  // why training stopped, once it diverged
  int batches_per_epoch_ = 0;
  int epoch_ = 0;
  int batch_ = 0;
  double epoch_loss_sum_ = 0.0;
  float current_learning_rate_ = 0.0f;
};

}  // namespace train
