#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
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

/// The nonzero fraction above which the dense path is faster: measured with the mlp preset,
/// see choose_input_path in trainer.cpp.
inline constexpr double kSparseInputMaxDensity = 0.5;

/// Sparse when the network's first layer is dense and at most kSparseInputMaxDensity of the data's
/// pixels are nonzero (MNIST: 0.19; Fashion-MNIST: about 0.5).
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

  /// Trains up to max_batches, stopping at the end of the epoch. If any batch's loss or any weight
  /// stops being finite, or the loss explodes (its running mean passes kExplosionFactor times the
  /// run's first losses), restores the weights from before this call and reports divergence; a
  /// diverged trainer trains no more (its optimizer state and position are not rolled back).
  SliceResult train_batches(int max_batches);

  /// The smoothed loss explodes past this multiple of the run's starting loss: no healthy run
  /// comes near it (cross-entropy starts near ln 10 = 2.3 and falls), while a learning rate that
  /// is far too large sends it to the thousands within an epoch.
  static constexpr double kExplosionFactor = 100.0;
  /// Batches whose mean loss is the run's starting loss.
  static constexpr int kStartingBatches = 10;

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

  nn::Network& network_;
  data::DatasetView train_;
  TrainConfig config_;
  nn::Optimizer optimizer_;
  nn::Random random_;
  std::vector<uint32_t> order_;  // this epoch's sample order
  InputPath input_path_;
  nn::SparseBatch sparse_inputs_;   // this batch's nonzero pixels (the sparse path)
  nn::Matrix dense_inputs_;         // this batch, pixels x batch_size (the dense path)
  std::vector<uint8_t> labels_;     // batch_size
  nn::ParameterSnapshot snapshot_;  // the weights before the current slice, for rollback
  double starting_loss_sum_ = 0.0;  // of the run's first kStartingBatches batches
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
