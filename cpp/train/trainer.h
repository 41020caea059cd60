#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/augment.h"
#include "data/dataset.h"
#include "data/mixed_set.h"
#include "nn/matrix.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/random.h"
#include "nn/snapshot.h"
#include "nn/sparse_batch.h"
#include "train/config.h"

namespace train {

/// What one call to Trainer::train_batches did.
struct SliceResult {
  int batches = 0;        // trained in this call
  int samples = 0;        // in those batches (the last batch of an epoch may be smaller)
  bool diverged = false;  // the loss or a weight became NaN or infinite, or the loss exploded;
                          // the weights were rolled back
  std::string message;    // why, when diverged
};

/// Whether batches reach the network as their nonzero pixels (nn/sparse_batch.h) or as dense
/// columns. Sparse needs a dense first layer, and pays off only when most pixels are zero.
enum class InputPath : unsigned char { Dense, Sparse };

/// The nonzero fraction above which the dense path is as fast. Measured with the mlp's 784-128-10
/// (CPU time per batch of 64, minimum of 9 runs of 200 batches, Fashion-MNIST with a share of its
/// zero pixels set to 1, 2026-12-02): natively sparse / dense 579 / 1099 us at density 0.5,
/// 770 / 974 at 0.7, 842 / 858 at 0.8, 934 / 878 at 0.9, 1022 / 804 at 1.0; in wasm 1348 / 2273
/// at 0.5, 1589 / 2158 at 0.7, 1641 / 2047 at 0.9 (sparse still ahead: its kernel is SIMD, the
/// dense product is not as fast as natively). MNIST (0.18) and Fashion-MNIST (0.50) stay sparse.
inline constexpr double kSparseInputMaxDensity = 0.8;

/// Sparse when the network's first layer is dense and at most kSparseInputMaxDensity of the data's
/// pixels are nonzero (MNIST: 0.18; Fashion-MNIST: 0.50).
InputPath choose_input_path(const nn::Network& network, const data::DatasetView& data);

/// Mini-batch training over one dataset: reshuffles every epoch, steps the optimizer and the
/// learning-rate schedule, and runs a few batches per call so callers can interleave other work.
/// All buffers are allocated up front: the batch loop allocates nothing.
class Trainer {
 public:
  /// The network must be built for training and outlive the trainer. Throws ConfigError for a
  /// bad configuration, or data the network cannot take (other image sizes, more classes than it
  /// has outputs).
  Trainer(nn::Network& network, const data::DatasetView& train, const TrainConfig& config);
  /// Trains on a mixed set (fine-tuning), which draws fresh secondary samples at every epoch;
  /// augmentation, when on, distorts its primary samples only. The set must outlive the trainer.
  Trainer(nn::Network& network, data::MixedTrainingSet& mixed, const TrainConfig& config);

  /// Trains up to max_batches, stopping at the end of the epoch. If any batch's loss or any weight
  /// stops being finite, or the loss explodes (its running mean passes kExplosionFactor times the
  /// run's first batch loss), restores the weights from before this call and reports divergence; a
  /// diverged trainer trains no more (its optimizer state and position are not rolled back).
  SliceResult train_batches(int max_batches);

  /// The smoothed loss explodes past this multiple of the run's first batch loss (taken before
  /// any update): no healthy run comes near it (cross-entropy starts near ln 10 = 2.3 and falls),
  /// while a learning rate far too large sends it to the thousands within a few batches. Mean
  /// squared error cannot explode (it is at most 5 for 10 classes); its divergence is a network
  /// stuck at chance, which the session catches after the first epoch.
  static constexpr double kExplosionFactor = 100.0;
  /// The smoothing: an exponential moving average over about 20 batches.
  static constexpr double kLossSmoothing = 0.05;

  InputPath input_path() const { return input_path_; }

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
  // The batch's images and labels, from this epoch's order: the one step that reads the dataset.
  void gather_batch(int first, int n);
  // Forward and backward over the gathered batch; returns its loss.
  float forward_backward(int n);
  // Tracks the running loss; returns why it exploded, or an empty string.
  std::string explosion(float loss);
  // Restores the slice's starting weights and records why training diverged at `batch` (1-based).
  void roll_back(SliceResult& result, int batch, const std::string& reason);

  // Leaves the convolution layers out of the optimizer's updates; throws ConfigError when the
  // network has none.
  void freeze_convolutions();

  nn::Network& network_;
  data::MixedTrainingSet* mixed_ = nullptr;  // when fine-tuning: redrawn every epoch
  data::DatasetView train_;
  TrainConfig config_;
  nn::Optimizer optimizer_;
  nn::Random random_;
  std::vector<uint32_t> order_;  // this epoch's sample order
  InputPath input_path_;
  data::BatchAugmenter batches_;    // this batch's images, distorted when the run augments
  nn::SparseBatch sparse_inputs_;   // this batch's nonzero pixels (the sparse path)
  nn::Matrix dense_inputs_;         // this batch, pixels x batch_size (the dense path)
  std::vector<uint8_t> labels_;     // batch_size
  nn::ParameterSnapshot snapshot_;  // the weights before the current slice, for rollback
  double first_loss_ = 0.0;         // the run's first batch loss
  double smoothed_loss_ = 0.0;      // exponential moving average of the batch losses
  long long batches_trained_ = 0;   // over the whole run
  std::vector<float> slice_losses_;
  std::string divergence_;  // why training stopped, once it diverged
  int batches_per_epoch_ = 0;
  int epoch_ = 0;
  int batch_ = 0;
  double epoch_loss_sum_ = 0.0;
  float current_learning_rate_ = 0.0f;
};

}  // namespace train
