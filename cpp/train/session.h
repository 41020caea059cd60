#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"
#include "data/mixed_set.h"
#include "nn/network.h"
#include "train/config.h"
#include "train/evaluation.h"
#include "train/fine_tune.h"
#include "train/trainer.h"

namespace train {

/// Where a run is. Training and validation alternate once per epoch; the test set is evaluated
/// once, at the end.
enum class Phase { Idle, Training, Validating, Testing, Done, Diverged };
std::string_view phase_name(Phase phase);

struct EpochSummary {
  int epoch = 0;                     // 1-based
  double train_loss = 0.0;           // mean of the epoch's batch losses
  double validation_loss = 0.0;      // mean per sample
  double validation_accuracy = 0.0;  // fraction in 0..1
  bool tested = false;               // the test set was evaluated after this epoch
  double test_loss = 0.0;
  double test_accuracy = 0.0;
};

/// What one Session::step did.
struct StepReport {
  Phase phase = Phase::Idle;  // after the step
  int epoch = 0;              // 1-based epoch in progress or just validated
  int batch = 0;              // batches done in that epoch
  int batches_per_epoch = 0;
  int batches_trained = 0;  // in this step; their losses are in step_losses()
  int samples_trained = 0;  // in those batches
  bool epoch_finished =
      false;              // an epoch's evaluation completed in this step: history().back() is new
  bool finished = false;  // the test set was evaluated in this step: test_result() is new
};

/// A whole training run, advanced a slice at a time: the loop the native trainer and the browser's
/// worker both drive. It owns the data, the current network and the run's history.
class Session {
 public:
  Session();

  /// The training file is split 85/15 into training and validation (MNIST: 51,000 / 9,000); the
  /// test file is the held-out set. Throws IdxError when the two differ in image size or classes.
  /// Any run in progress stops.
  void set_data(data::Dataset training_file, data::Dataset test_file);
  /// Trains on the first `samples` of the training split only (quick runs, tests, benchmarks).
  void limit_training(int samples);
  bool has_data() const { return training_file_.count() > 0; }
  const data::Dataset& training_file() const { return training_file_; }
  const data::Dataset& test_file() const { return test_file_; }
  const data::TrainValidationSplit& split() const { return split_; }

  /// Begins a run on a freshly initialised network of the configuration's shape.
  /// Throws ConfigError for a bad configuration, std::logic_error without data.
  void start(const TrainConfig& config);

  /// Begins fine-tuning the current model on a person's digits (28 x 28, labels below the data's
  /// classes) mixed with `mix` training digits per digit of theirs: their digits are split
  /// (train/fine_tune.h), each epoch validates on their held-out digits, and the last evaluates
  /// the test set. Measures both before anything changes (fine_tune_before()). Throws
  /// ConfigError for a bad configuration or mix ("mix"), std::invalid_argument when there are too
  /// few digits (saying how many more) or they do not fit, std::logic_error without data or model.
  void fine_tune(const TrainConfig& config, data::Dataset your_digits, double mix);
  /// The run in progress (or last finished) is a fine-tuning.
  bool fine_tuning() const { return fine_tuning_; }
  /// The model's accuracies before the last fine_tune() changed it.
  const FineTuneMeasure& fine_tune_before() const { return fine_tune_before_; }
  /// How many of the person's digits it trains on and holds out (0 when not fine-tuning).
  int your_train_count() const { return your_digits_.train.count(); }
  int your_held_out_count() const { return your_digits_.held_out.count(); }
  /// Samples per epoch of the run in progress: the training split, or the mixed set.
  int run_train_count() const;

  /// Makes `network` the current model (pretrained or uploaded) and ends any run. Throws
  /// std::invalid_argument when it does not fit the loaded data's image size and classes.
  void use_network(nn::Network network);

  /// A run whose first epoch had at least this many batches and left the validation accuracy
  /// within kChanceMargin of always answering the most common class has diverged, even with finite
  /// losses (a learning rate that saturates every unit): no healthy run is there after that many
  /// steps, and the page would otherwise chart nothing for minutes.
  static constexpr int kChanceCheckMinBatches = 200;
  static constexpr double kChanceMargin = 0.05;

  /// Evaluates the current model on the test set (phase Testing, then Done).
  void evaluate_current();

  /// Also evaluates the test set after every epoch, not only the last (the page plots it; it costs
  /// a forward pass over 10,000 images). Off by default.
  void set_test_every_epoch(bool enabled) { test_every_epoch_ = enabled; }

  /// Does about sample_budget samples' worth of work: some training batches, or a chunk of
  /// validation or test evaluation (a forward pass costs about a third of a training sample).
  StepReport step(int sample_budget);

  /// Stops the run, keeping the current weights.
  void stop();

  Phase phase() const { return phase_; }
  bool has_network() const { return network_ != nullptr; }
  nn::Network& network();
  const TrainConfig& config() const { return config_; }
  const Trainer* trainer() const { return trainer_.get(); }
  const std::vector<float>& step_losses() const;
  const std::vector<EpochSummary>& history() const { return history_; }
  const Evaluation& test_result() const { return test_result_; }
  const std::string& divergence() const { return divergence_; }

 private:
  StepReport report() const;
  void end_fine_tuning();
  void finish_epoch(StepReport& result);
  // After the first epoch's validation: why the run is no better than chance, or empty.
  std::string stuck_at_chance(const Evaluation& validation) const;
  // Throws std::invalid_argument when the network cannot read the loaded images or labels.
  void check_fits_data(const nn::Network& network) const;
  bool fits_data(const nn::Network& network) const;

  data::Dataset training_file_;
  data::Dataset test_file_;
  data::TrainValidationSplit split_;
  data::DatasetView validation_;  // what epochs validate on: split_.validation or held-out digits
  YourDigits your_digits_;        // when fine-tuning; the mixed set and the views point into it
  std::unique_ptr<data::MixedTrainingSet> mixed_;
  bool fine_tuning_ = false;
  FineTuneMeasure fine_tune_before_;
  std::unique_ptr<nn::Network> network_;  // fixed address: the trainer refers to it
  std::unique_ptr<Trainer> trainer_;
  TrainConfig config_;
  Evaluator evaluator_;
  Phase phase_ = Phase::Idle;
  std::vector<EpochSummary> history_;
  EpochSummary pending_;  // the epoch being evaluated
  bool test_every_epoch_ = false;
  Evaluation test_result_;
  std::string divergence_;
  std::vector<float> no_losses_;
};

}  // namespace train
