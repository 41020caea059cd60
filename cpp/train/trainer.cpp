#include "train/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/batch.h"

namespace train {
namespace {

// Keeps the shuffle stream apart from the weight initialisation drawn from the same seed.
constexpr uint64_t kShuffleStream = 0x5EED5EED00000000ull;
constexpr uint64_t kAugmentStream = 0xA06E5EED00000000ull;

data::BatchAugmenter make_batches(const TrainConfig& config, const data::DatasetView& train) {
  try {
    return data::BatchAugmenter(config.augment, train.pixels, config.batch_size,
                                kAugmentStream ^ config.seed);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(error.what(), "augment");
  }
}

// Validates before any member sized by the configuration is allocated.
const TrainConfig& checked(const TrainConfig& config, int training_samples) {
  validate(config, training_samples);
  return config;
}

}  // namespace

Trainer::Trainer(nn::Network& network, const data::DatasetView& train, const TrainConfig& config)
    : network_(network),
      train_(train),
      config_(checked(config, train.count)),
      optimizer_(network,
                 nn::OptimizerSettings{config.optimizer, config.momentum, 0.9f, 0.999f, 1e-8f,
                                       config.weight_decay}),
      random_(kShuffleStream ^ config.seed),
      order_(static_cast<size_t>(train.count)),
      batches_(make_batches(config_, train)),
      labels_(static_cast<size_t>(config_.batch_size)),
      snapshot_(network.architecture()) {
  if (train_.pixels != network_.input_size()) {
    throw ConfigError("the data has " + std::to_string(train_.pixels) +
                      " pixels per image but the network takes " +
                      std::to_string(network_.input_size()) + " inputs");
  }
  // The last batch of an epoch takes the remainder, so every sample is seen once per epoch.
  batches_per_epoch_ = (train_.count + config_.batch_size - 1) / config_.batch_size;
  slice_losses_.reserve(1024);
  std::iota(order_.begin(), order_.end(), 0u);
  shuffle();
}

void Trainer::shuffle() {
  random_.shuffle(order_.begin(), order_.end());
}

void Trainer::next_epoch() {
  if (!epoch_complete() || finished())
    return;
  ++epoch_;
  batch_ = 0;
  epoch_loss_sum_ = 0.0;
  if (!finished())
    shuffle();
}

SliceResult Trainer::train_batches(int max_batches) {
  SliceResult result;
  slice_losses_.clear();
  if (diverged()) {
    result.diverged = true;
    result.message = divergence_;
    return result;
  }
  if (finished() || epoch_complete())
    return result;
  snapshot_.copy_parameters_from(network_);
  const long long total_steps = static_cast<long long>(batches_per_epoch_) * config_.epochs;

  while (result.batches < max_batches && !epoch_complete()) {
    const int first = batch_ * config_.batch_size;
    const int n = std::min(config_.batch_size, train_.count - first);
    const data::BatchSource source = batches_.prepare(train_, order_.data() + first, n);
    data::gather_sparse_batch(source.data, source.indices, n, inputs_, labels_.data());
    network_.forward(inputs_);
    const float loss = network_.backward(inputs_, labels_.data());
    if (!std::isfinite(loss)) {
      roll_back(result, batch_ + 1,
                std::string("the loss became ") + (std::isnan(loss) ? "NaN" : "infinite"));
      return result;
    }
    const long long step = static_cast<long long>(epoch_) * batches_per_epoch_ + batch_;
    current_learning_rate_ = scheduled_learning_rate(config_, step, total_steps);
    optimizer_.step(network_, current_learning_rate_);

    slice_losses_.push_back(loss);
    epoch_loss_sum_ += loss;
    ++batch_;
    ++result.batches;
    result.samples += n;
  }
  // Weights can stay finite yet grow so large that the next forward pass overflows; refusing them
  // here keeps every snapshot (taken at a slice's start) a set of weights that gives finite
  // outputs.
  if (!network_.parameters_finite() || !network_.forward_pass_bounded()) {
    roll_back(result, batch_, "the weights grew without bound");
  }
  return result;
}

void Trainer::roll_back(SliceResult& result, int batch, const std::string& reason) {
  network_.copy_parameters_from(snapshot_);
  divergence_ = "training diverged at epoch " + std::to_string(epoch_ + 1) + ", batch " +
                std::to_string(batch) + " (" + reason + "): try a smaller learning rate";
  result.diverged = true;
  result.message = divergence_;
}

}  // namespace train
