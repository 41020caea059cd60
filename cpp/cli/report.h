#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "base/json.h"
#include "train/config.h"
#include "train/evaluation.h"
#include "train/session.h"

namespace cli {

/// The run's figures, as the final report prints them.
struct RunSummary {
  std::string preset;
  train::TrainConfig config;
  std::string loaded_model;  // the description of a model evaluated with --load, else empty
  int epochs = 0;
  int train_samples = 0;       // per epoch
  double train_seconds = 0.0;  // time spent in training batches only
  double total_seconds = 0.0;  // including validation and test evaluation
  double validation_accuracy = 0.0;
  double validation_loss = 0.0;
  const train::Evaluation* test = nullptr;
  std::optional<train::Evaluation> robustness;  // on the test set drawn on the pad, when asked
};

/// How progress reaches the user: human lines with a progress bar, or JSON lines.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void start(const train::TrainConfig& config,
                     int train_samples,
                     int validation_samples) = 0;
  virtual void progress(const train::StepReport& step, double epoch_seconds) = 0;
  virtual void epoch(const train::EpochSummary& summary, double seconds) = 0;
  virtual void result(const RunSummary& summary) = 0;
  virtual void error(const std::string& message) = 0;
};

/// Lines for a person on stdout; a progress bar on stderr when it is a terminal.
class HumanReporter : public Reporter {
 public:
  explicit HumanReporter(bool progress_bar) : progress_bar_(progress_bar) {}
  void start(const train::TrainConfig& config, int train_samples, int validation_samples) override;
  void progress(const train::StepReport& step, double epoch_seconds) override;
  void epoch(const train::EpochSummary& summary, double seconds) override;
  void result(const RunSummary& summary) override;
  void error(const std::string& message) override;

 private:
  void clear_bar();
  bool progress_bar_;
  bool bar_visible_ = false;
  double last_drawn_ = -1.0;
};

/// One JSON object per line: {"type":"epoch",...} per epoch, then {"type":"result",...}.
class JsonReporter : public Reporter {
 public:
  void start(const train::TrainConfig&, int, int) override {}
  void progress(const train::StepReport&, double) override {}
  void epoch(const train::EpochSummary& summary, double seconds) override;
  void result(const RunSummary& summary) override;
  void error(const std::string& message) override;
};

using base::json_string;

}  // namespace cli
