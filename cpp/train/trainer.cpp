#include "train/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
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
const TrainConfig& checked(const TrainConfig& config,
                           const nn::Network& network,
                           const data::DatasetView& train) {
  validate(config, train.count);
  if (!network.trainable())
    throw ConfigError("this network was built for inference only and cannot be trained");
  if (train.pixels != network.input_size()) {
    throw ConfigError("the data has " + std::to_string(train.pixels) +
                      " pixels per image but the network takes " +
                      std::to_string(network.input_size()) + " inputs");
  }
  // A label at or past the output count would index past the loss's delta.
  if (train.classes > network.output_size()) {
    throw ConfigError("the data has " + std::to_string(train.classes) +
                      " classes but the network has " + std::to_string(network.output_size()) +
                      " outputs");
  }
  return config;
}

std::string loss_text(double loss) {
  char text[32];
  std::snprintf(text, sizeof text, loss < 100 ? "%.3g" : "%.0f", loss);
  return text;
}

}  // namespace

InputPath choose_input_path(const nn::Network& network, const data::DatasetView& data) {
  if (!network.accepts_sparse_input())
    return InputPath::Dense;
  return data::nonzero_fraction(data) <= kSparseInputMaxDensity ? InputPath::Sparse
                                                                : InputPath::Dense;
}

Trainer::Trainer(nn::Network& network, const data::DatasetView& train, const TrainConfig& config)
    : network_(network),
      train_(train),
      config_(checked(config, network, train)),
      optimizer_(network,
                 nn::OptimizerSettings{config.optimizer, config.momentum, 0.9f, 0.999f, 1e-8f,
                                       config.weight_decay}),
      random_(kShuffleStream ^ config.seed),
      order_(static_cast<size_t>(train.count)),
      input_path_(choose_input_path(network, train)),
      batches_(make_batches(config_, train)),
      labels_(static_cast<size_t>(config_.batch_size)) {
  // The last batch of an epoch takes the remainder, so every sample is seen once per epoch.
  batches_per_epoch_ = (train_.count + config_.batch_size - 1) / config_.batch_size;
  network_.reserve(config_.batch_size);
  if (input_path_ == InputPath::Dense)
    dense_inputs_.resize(train_.pixels, config_.batch_size);
  slice_losses_.reserve(1024);
  std::iota(order_.begin(), order_.end(), 0u);
  shuffle();
  if (config_.freeze_convolutions)
    freeze_convolutions();
}

Trainer::Trainer(nn::Network& network, data::MixedTrainingSet& mixed, const TrainConfig& config)
    : Trainer(network, mixed.view(), config) {
  mixed_ = &mixed;
  batches_.distort_only_below(static_cast<uint32_t>(mixed.primary_count()));
}

void Trainer::freeze_convolutions() {
  bool any = false;
  for (size_t i = 0; i < network_.layer_count(); ++i) {
    if (network_.layer(i).kind() == nn::LayerKind::Conv2D) {
      network_.freeze_layer(i);  // neither updated nor given gradients (nor any layer below)
      any = true;
    }
  }
  if (!any) {
    throw ConfigError("freezing the convolution layers needs a network that has some",
                      "freeze_convolutions");
  }
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
  if (!finished()) {
    if (mixed_ != nullptr)
      mixed_->redraw();  // in place: the view and its count stay the same
    shuffle();
  }
}

void Trainer::gather_batch(int first, int n) {
  // The augmenter hands back the batch's own distorted copies, or the dataset itself when off.
  const data::BatchSource source = batches_.prepare(train_, order_.data() + first, n);
  if (input_path_ == InputPath::Sparse) {
    data::gather_sparse_batch(source.data, source.indices, n, sparse_inputs_, labels_.data());
  } else {
    data::gather_batch(source.data, source.indices, n, dense_inputs_, labels_.data());
  }
}

float Trainer::forward_backward(int n) {
  if (input_path_ == InputPath::Sparse) {
    network_.forward(sparse_inputs_);
    return network_.backward(sparse_inputs_, labels_.data());
  }
  const auto inputs = dense_inputs_.leftCols(n);
  network_.forward(inputs);
  return network_.backward(inputs, labels_.data());
}

std::string Trainer::explosion(float loss) {
  if (++batches_trained_ == 1) {
    first_loss_ = smoothed_loss_ = loss;
    return {};
  }
  smoothed_loss_ += kLossSmoothing * (loss - smoothed_loss_);
  if (smoothed_loss_ > kExplosionFactor * first_loss_)
    return "the loss grew from " + loss_text(first_loss_) + " to " + loss_text(smoothed_loss_);
  return {};
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
  snapshot_.save(network_);
  const long long total_steps = static_cast<long long>(batches_per_epoch_) * config_.epochs;

  while (result.batches < max_batches && !epoch_complete()) {
    const int first = batch_ * config_.batch_size;
    const int n = std::min(config_.batch_size, train_.count - first);
    gather_batch(first, n);
    const float loss = forward_backward(n);
    if (!std::isfinite(loss)) {
      roll_back(result, batch_ + 1,
                std::string("the loss became ") + (std::isnan(loss) ? "NaN" : "infinite"));
      return result;
    }
    const std::string exploded = explosion(loss);
    if (!exploded.empty()) {
      roll_back(result, batch_ + 1, exploded);
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
  snapshot_.restore(network_);
  divergence_ = "training diverged at epoch " + std::to_string(epoch_ + 1) + ", batch " +
                std::to_string(batch) + " (" + reason + "): try a smaller learning rate";
  result.diverged = true;
  result.message = divergence_;
}

}  // namespace train
