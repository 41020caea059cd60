#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "train/config.h"

namespace cli {

/// A command line that cannot be run; the message says which argument and why.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Options {
  train::TrainConfig config;
  std::string data_dir;
  std::string save_path;
  std::string load_path;
  std::string metadata_note;     // --note: stored in the saved model's metadata
  std::string onnx_path;         // --export-onnx: the model (loaded or trained) as ONNX
  std::string safetensors_path;  // --export-safetensors: its weights as safetensors
  std::string fine_tune_dir;     // --fine-tune: the folder with your digits' two IDX files
  double mix = 1.0;              // --mix: MNIST training digits per digit of yours
  int train_samples = 0;         // 0: the whole training split
  int predictions = 0;           // with --load: print the outputs for this many test images
  int batch_samples = 0;         // print this many images of the run's first batch, then stop
  bool json = false;
  bool robustness = false;  // also measure accuracy on the test set drawn on the pad
  bool help = false;
};

/// Parses the arguments (argv without the program name). The preset is applied first, then every
/// override on top of it, whatever their order. Throws UsageError or train::ConfigError.
/// The files `--fine-tune DIR` reads: the pair the page's "Your digits" panel exports.
inline constexpr const char* kYourDigitsImages = "your-digits-images-idx3-ubyte";
inline constexpr const char* kYourDigitsLabels = "your-digits-labels-idx1-ubyte";

Options parse_args(const std::vector<std::string>& args, const std::string& default_data_dir);

const char* usage();

}  // namespace cli
