#include "train/session.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace train {
namespace {

// Keeps the mixed set's draws apart from the shuffle and augmentation drawn from the same seed.
constexpr uint64_t kMixStream = 0x313A5EED00000000ull;

}  // namespace

std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::Idle:
      return "idle";
    case Phase::Training:
      return "training";
    case Phase::Validating:
      return "validating";
    case Phase::Testing:
      return "testing";
    case Phase::Done:
      return "done";
    case Phase::Diverged:
      return "diverged";
  }
  return "unknown";
}

Session::Session() = default;

void Session::set_data(data::Dataset training_file, data::Dataset test_file) {
  if (training_file.rows != test_file.rows || training_file.cols != test_file.cols) {
    throw data::IdxError("the training images are " + std::to_string(training_file.rows) + " x " +
                         std::to_string(training_file.cols) + " but the test images are " +
                         std::to_string(test_file.rows) + " x " + std::to_string(test_file.cols));
  }
  if (training_file.classes != test_file.classes) {
    throw data::IdxError("the training and test files have different numbers of classes");
  }
  if (training_file.count() < 2) {
    throw data::IdxError("a training file needs at least 2 samples to split off validation");
  }
  stop();
  trainer_.reset();
  end_fine_tuning();  // the mixed set points into the training file
  training_file_ = std::move(training_file);
  test_file_ = std::move(test_file);
  split_ = data::split_train_validation(training_file_);  // views into the stored copies
  if (network_ && !fits_data(*network_))
    network_.reset();  // the old model cannot read the new data
}

void Session::limit_training(int samples) {
  if (!has_data())
    throw std::logic_error("no training data is loaded");
  if (samples < 1)
    throw ConfigError("the number of training samples must be at least 1");
  stop();
  end_fine_tuning();
  split_ = data::split_train_validation(training_file_);
  split_.train.count = std::min(samples, split_.train.count);
}

void Session::start(const TrainConfig& config) {
  if (!has_data())
    throw std::logic_error("no training data is loaded");
  validate(config, split_.train.count);
  const nn::Architecture arch = architecture_of(
      config, nn::Shape{1, training_file_.rows, training_file_.cols}, training_file_.classes);
  auto network = std::make_unique<nn::Network>(arch);
  nn::initialize(*network, config.init, config.seed);
  auto trainer = std::make_unique<Trainer>(*network, split_.train, config);
  // Nothing above threw: replace the current run.
  trainer_ = std::move(trainer);
  network_ = std::move(network);
  end_fine_tuning();
  validation_ = split_.validation;
  config_ = config;
  history_.clear();
  test_result_ = Evaluation{};
  divergence_.clear();
  phase_ = Phase::Training;
}

void Session::end_fine_tuning() {
  fine_tuning_ = false;
  mixed_.reset();
  your_digits_ = YourDigits{};
}

void Session::fine_tune(const TrainConfig& config, data::Dataset your_digits, double mix) {
  if (!has_data())
    throw std::logic_error("no training data is loaded");
  if (!network_)
    throw std::logic_error("there is no model to fine-tune: train or load one");
  if (your_digits.rows != training_file_.rows || your_digits.cols != training_file_.cols) {
    throw std::invalid_argument("your digits are " + std::to_string(your_digits.rows) + " x " +
                                std::to_string(your_digits.cols) + " but the data's images are " +
                                std::to_string(training_file_.rows) + " x " +
                                std::to_string(training_file_.cols));
  }
  YourDigits split = split_your_digits(your_digits, training_file_.classes);
  // A loaded model is built for inference: train a copy with gradients.
  auto network = std::make_unique<nn::Network>(network_->architecture(), nn::Purpose::Training);
  network->copy_parameters_from(*network_);
  std::unique_ptr<data::MixedTrainingSet> mixed;
  try {
    mixed = std::make_unique<data::MixedTrainingSet>(data::view(split.train), split_.train, mix,
                                                     kMixStream ^ config.seed);
  } catch (const std::invalid_argument& error) {
    throw ConfigError(error.what(), "mix");
  }
  auto trainer = std::make_unique<Trainer>(*network, *mixed, config);
  const FineTuneMeasure before =
      measure_fine_tune(*network, data::view(split.held_out), data::view(test_file_));
  // Nothing above threw: replace the current run. The views stay valid: a Dataset's vectors keep
  // their buffers when moved.
  trainer_ = std::move(trainer);
  network_ = std::move(network);
  mixed_ = std::move(mixed);
  your_digits_ = std::move(split);
  validation_ = data::view(your_digits_.held_out);
  fine_tuning_ = true;
  fine_tune_before_ = before;
  config_ = config;
  history_.clear();
  test_result_ = Evaluation{};
  divergence_.clear();
  phase_ = Phase::Training;
}

int Session::run_train_count() const {
  if (mixed_)
    return mixed_->view().count;
  return split_.train.count;
}

bool Session::fits_data(const nn::Network& network) const {
  const nn::Shape& input = network.input_shape();
  const nn::Shape image{1, training_file_.rows, training_file_.cols};
  // A flat input reads the image as one vector; any other must be the image's own shape.
  return (input.flat() ? input.size() == image.size() : input == image) &&
         network.output_size() >= training_file_.classes;
}

void Session::check_fits_data(const nn::Network& network) const {
  if (!has_data() || fits_data(network))
    return;
  throw std::invalid_argument("this model takes " + nn::to_string(network.input_shape()) +
                              " inputs and gives " + std::to_string(network.output_size()) +
                              " classes; the data has " + std::to_string(training_file_.rows) +
                              "x" + std::to_string(training_file_.cols) + " images (" +
                              std::to_string(training_file_.pixels_per_image()) + " pixels) and " +
                              std::to_string(training_file_.classes) + " classes");
}

void Session::use_network(nn::Network network) {
  check_fits_data(network);
  trainer_.reset();
  end_fine_tuning();
  network_ = std::make_unique<nn::Network>(std::move(network));
  history_.clear();
  test_result_ = Evaluation{};
  divergence_.clear();
  phase_ = Phase::Idle;
}

void Session::evaluate_current() {
  if (!has_data())
    throw std::logic_error("no test data is loaded");
  if (!network_)
    throw std::logic_error("there is no model to evaluate");
  trainer_.reset();
  evaluator_.begin(data::view(test_file_), network_->output_size(), true);
  phase_ = Phase::Testing;
}

void Session::stop() {
  trainer_.reset();
  if (phase_ != Phase::Done && phase_ != Phase::Diverged)
    phase_ = Phase::Idle;
}

nn::Network& Session::network() {
  if (!network_)
    throw std::logic_error("there is no model yet: train or load one");
  return *network_;
}

const std::vector<float>& Session::step_losses() const {
  return trainer_ ? trainer_->slice_losses() : no_losses_;
}

StepReport Session::step(int sample_budget) {
  const int budget = std::max(sample_budget, 1);
  StepReport result;
  switch (phase_) {
    case Phase::Training: {
      const int batches = std::max(1, budget / trainer_->config().batch_size);
      const SliceResult slice = trainer_->train_batches(batches);
      result = report();
      result.batches_trained = slice.batches;
      result.samples_trained = slice.samples;
      if (slice.diverged) {
        divergence_ = slice.message;
        phase_ = Phase::Diverged;
      } else if (trainer_->epoch_complete()) {
        evaluator_.begin(validation_, network_->output_size(), false);
        phase_ = Phase::Validating;
      }
      break;
    }
    case Phase::Validating: {
      if (!evaluator_.advance(*network_, budget * 3))
        break;
      const Evaluation& validation = evaluator_.result();
      pending_ = EpochSummary{};
      pending_.epoch = trainer_->epoch() + 1;
      pending_.train_loss = trainer_->epoch_mean_loss();
      pending_.validation_loss = validation.mean_loss();
      pending_.validation_accuracy = validation.accuracy();
      const std::string stuck = pending_.epoch == 1 ? stuck_at_chance(validation) : std::string();
      if (!stuck.empty()) {
        history_.push_back(pending_);
        result.epoch_finished = true;
        divergence_ = "training diverged at epoch 1 (" + stuck + "): try a smaller learning rate";
        phase_ = Phase::Diverged;
        break;
      }
      const bool last_epoch = trainer_->epoch() + 1 >= trainer_->epochs();
      if (test_every_epoch_ || last_epoch) {
        evaluator_.begin(data::view(test_file_), network_->output_size(), last_epoch);
        phase_ = Phase::Testing;
      } else {
        finish_epoch(result);
      }
      break;
    }
    case Phase::Testing: {
      if (!evaluator_.advance(*network_, budget * 3))
        break;
      if (trainer_) {  // the end of an epoch, not a lone evaluation of a loaded model
        pending_.tested = true;
        pending_.test_loss = evaluator_.result().mean_loss();
        pending_.test_accuracy = evaluator_.result().accuracy();
        finish_epoch(result);
        if (phase_ == Phase::Training)
          break;
      }
      test_result_ = evaluator_.result();
      result.finished = true;
      phase_ = Phase::Done;
      break;
    }
    case Phase::Idle:
    case Phase::Done:
    case Phase::Diverged:
      break;
  }
  const StepReport now = report();
  result.phase = now.phase;
  if (!result.epoch_finished) {
    result.epoch = now.epoch;
    result.batch = now.batch;
  } else {
    result.epoch = history_.back().epoch;
    result.batch = now.batches_per_epoch;
  }
  result.batches_per_epoch = now.batches_per_epoch;
  return result;
}

std::string Session::stuck_at_chance(const Evaluation& validation) const {
  if (trainer_->batches_per_epoch() < kChanceCheckMinBatches || validation.count == 0)
    return {};
  int most_common = 0;  // the largest row of the confusion matrix: the most common true class
  for (int label = 0; label < validation.classes; ++label) {
    int count = 0;
    for (int predicted = 0; predicted < validation.classes; ++predicted)
      count += validation.confusion_at(label, predicted);
    most_common = std::max(most_common, count);
  }
  const double chance = static_cast<double>(most_common) / validation.count;
  if (validation.accuracy() > chance + kChanceMargin)
    return {};
  char text[200];
  std::snprintf(text, sizeof text,
                "after a whole epoch the validation accuracy is %.1f%%, no better than always "
                "answering the most common class (%.1f%%); the training loss is %.3g",
                100 * validation.accuracy(), 100 * chance, trainer_->epoch_mean_loss());
  return text;
}

void Session::finish_epoch(StepReport& result) {
  history_.push_back(pending_);
  result.epoch_finished = true;
  trainer_->next_epoch();
  phase_ = trainer_->finished() ? Phase::Done : Phase::Training;
}

StepReport Session::report() const {
  StepReport r;
  r.phase = phase_;
  if (trainer_) {
    r.epoch = std::min(trainer_->epoch() + 1, trainer_->epochs());
    r.batch = trainer_->finished() ? trainer_->batches_per_epoch() : trainer_->batch();
    r.batches_per_epoch = trainer_->batches_per_epoch();
  }
  return r;
}

}  // namespace train
