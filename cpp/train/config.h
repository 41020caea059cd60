#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data/augment.h"
#include "nn/architecture.h"
#include "nn/init.h"
#include "nn/optimizer.h"

namespace train {

/// A setting outside its allowed range; the message names the setting and the range, and
/// setting() is the field's key ("learning_rate", "batch_size", ...; empty when not one field).
class ConfigError : public std::invalid_argument {
 public:
  explicit ConfigError(const std::string& message, std::string setting = {})
      : std::invalid_argument(message), setting_(std::move(setting)) {}
  const std::string& setting() const { return setting_; }

 private:
  std::string setting_;
};

enum class Schedule : unsigned char { Constant = 0, Cosine = 1 };
std::string_view schedule_name(Schedule schedule);
Schedule parse_schedule(std::string_view name);  // "constant" or "cosine"

/// Everything that defines a training run. Presets fill it in; every field can be overridden.
struct TrainConfig {
  std::string preset = "custom";
  /// The hidden layers as a layer list (nn/layer_string.h), e.g. "conv5x6,pool,conv5x16,pool,
  /// fc120,fc84"; empty for a fully connected network.
  std::string layers;
  /// Hidden layer sizes: sugar for dense ("fc") layers, after the layer list's. Input and output
  /// come from the data.
  std::vector<int> hidden{30};
  nn::Activation activation = nn::Activation::Sigmoid;  // hidden layers that do not name their own
  nn::Activation output = nn::Activation::Sigmoid;
  nn::Loss loss = nn::Loss::MeanSquaredError;
  nn::Init init = nn::Init::Uniform;
  nn::OptimizerKind optimizer = nn::OptimizerKind::Sgd;
  float learning_rate = 3.0f;
  float momentum = 0.9f;      // used by the momentum optimizer
  float weight_decay = 0.0f;  // L2 coefficient on weights
  Schedule schedule = Schedule::Constant;
  int batch_size = 10;
  int epochs = 10;
  uint32_t seed = 1;
  data::Augmentation augment;  // distortions of the training images (data/augment.h); none
  /// Leave the convolution layers' weights and biases as they are (fine-tuning a CNN: only the
  /// dense layers learn). A network without convolutions refuses it (ConfigError).
  bool freeze_convolutions = false;
};

/// "none", "all" or kinds separated by commas (data::parse_augmentation); throws ConfigError for
/// the "augment" setting.
data::Augmentation parse_augment(std::string_view names);

/// The named experiments:
///   seed     the tutorial: 784-30-10 sigmoid, MSE, SGD lr 3.0, batch 10, uniform init
///   seed-ce  the same with softmax + cross-entropy, lr 0.5
///   mlp      784-128-10 ReLU, softmax + cross-entropy, Adam with cosine decay, batch 64, He init,
///            affine augmentation
///   cnn      conv5x6,pool,conv5x16,pool,fc120,fc84 (LeNet-5's shape) ReLU, softmax +
///   cross-entropy,
///            Adam 1e-3 with cosine decay, batch 64, Xavier init
/// Throws ConfigError for any other name.
TrainConfig preset_config(std::string_view name);
const std::vector<std::string>& preset_names();

/// Bounds, also enforced on configurations that arrive from the page or the command line.
inline constexpr float kMaxLearningRate = 100.0f;
inline constexpr int kMaxEpochs = 1000;
inline constexpr int kMaxBatchSize = 65536;
inline constexpr int kMaxHiddenLayers = nn::kMaxWeightLayers - 1;
/// A batch's buffers (activations, deltas, convolution patches) may take at most this much.
inline constexpr long long kMaxBatchBufferBytes = 256ll << 20;

/// Throws ConfigError naming the first setting outside its range. training_samples bounds the
/// batch size.
void validate(const TrainConfig& config, int training_samples);

/// The hidden layers a configuration asks for: its layer list, then a dense layer per hidden size.
/// Throws ConfigError ("layers") when the list does not parse.
std::vector<nn::LayerSpec> hidden_layers(const TrainConfig& config);

/// The network a configuration trains on images of shape `image` (1 x 28 x 28 for MNIST) with
/// `classes` labels: its hidden layers, a flatten wherever a dense layer follows a convolution or
/// a pooling, and a dense output layer. Networks that start with a dense layer take the image as
/// a flat vector. Throws ConfigError ("layers" or "hidden") when the layers do not fit the image
/// or are out of bounds, and ("batch_size") when a batch's buffers would exceed
/// kMaxBatchBufferBytes.
nn::Architecture architecture_of(const TrainConfig& config, nn::Shape image, int classes);

/// The learning rate for a step (0-based) of a run of total_steps.
float scheduled_learning_rate(const TrainConfig& config, long long step, long long total_steps);

/// "seed: hidden 30 sigmoid, sigmoid mse, sgd lr 3, batch 10, 10 epochs, uniform init, seed 1",
/// for logs and legends.
std::string describe(const TrainConfig& config);

}  // namespace train
