#include "cli/report.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "nn/activation.h"
#include "nn/init.h"
#include "nn/loss.h"
#include "nn/optimizer.h"

namespace cli {
namespace {

std::string json_number(double value) {
  if (!std::isfinite(value))
    return "null";
  std::ostringstream out;
  out.precision(8);
  out << value;
  return out.str();
}

std::string config_json(const train::TrainConfig& c) {
  std::ostringstream out;
  out << "{\"hidden\":[";
  for (size_t i = 0; i < c.hidden.size(); ++i)
    out << (i ? "," : "") << c.hidden[i];
  out << "],\"layers\":" << json_string(c.layers) << ",\"activation\":\""
      << nn::activation_name(c.activation) << "\""
      << ",\"output\":\"" << nn::activation_name(c.output) << "\""
      << ",\"loss\":\"" << nn::loss_name(c.loss) << "\""
      << ",\"init\":\"" << nn::init_name(c.init) << "\""
      << ",\"optimizer\":\"" << nn::optimizer_name(c.optimizer) << "\""
      << ",\"learning_rate\":" << json_number(c.learning_rate)
      << ",\"momentum\":" << json_number(c.momentum)
      << ",\"weight_decay\":" << json_number(c.weight_decay) << ",\"schedule\":\""
      << train::schedule_name(c.schedule) << "\""
      << ",\"augment\":\"" << data::augmentation_name(c.augment) << "\""
      << ",\"batch_size\":" << c.batch_size << ",\"epochs\":" << c.epochs << ",\"seed\":" << c.seed
      << "}";
  return out.str();
}

}  // namespace


void HumanReporter::start(const train::TrainConfig& config,
                          int train_samples,
                          int validation_samples) {
  std::printf("%s\n", train::describe(config).c_str());
  std::printf("training on %d samples, validating on %d\n", train_samples, validation_samples);
  std::fflush(stdout);
}

void HumanReporter::progress(const train::StepReport& step, double epoch_seconds) {
  if (!progress_bar_ || step.batches_per_epoch == 0)
    return;
  if (epoch_seconds - last_drawn_ < 0.1 && step.batch < step.batches_per_epoch)
    return;
  last_drawn_ = epoch_seconds;
  constexpr int kWidth = 40;
  const double fraction = static_cast<double>(step.batch) / step.batches_per_epoch;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\repoch %d [%s] %3d%%  %d/%d batches  %.1f s", step.epoch, bar.c_str(),
               static_cast<int>(fraction * 100), step.batch, step.batches_per_epoch, epoch_seconds);
  std::fflush(stderr);
  bar_visible_ = true;
}

void HumanReporter::clear_bar() {
  if (!bar_visible_)
    return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  bar_visible_ = false;
  last_drawn_ = -1.0;
}

void HumanReporter::epoch(const train::EpochSummary& s, double seconds) {
  clear_bar();
  std::printf("epoch %2d  train loss %.4f  val loss %.4f  val accuracy %6.2f%%  %.1f s\n", s.epoch,
              s.train_loss, s.validation_loss, 100.0 * s.validation_accuracy, seconds);
  std::fflush(stdout);
}

void HumanReporter::result(const RunSummary& s) {
  clear_bar();
  const train::Evaluation& test = *s.test;
  std::printf("test accuracy %.2f%% (%d/%d), test loss %.4f\n", 100.0 * test.accuracy(),
              test.correct, test.count, test.mean_loss());
  if (s.robustness) {
    std::printf("drawn-digit accuracy %.2f%% (%d/%d): the test set drawn on the pad\n",
                100.0 * s.robustness->accuracy(), s.robustness->correct, s.robustness->count);
  }
  if (s.train_seconds > 0) {
    std::printf("trained %d epochs in %.1f s (%.0f samples/s)\n", s.epochs, s.train_seconds,
                double(s.train_samples) * s.epochs / s.train_seconds);
  }
  std::printf("confusion matrix (rows: true digit, columns: predicted)\n     ");
  for (int p = 0; p < test.classes; ++p)
    std::printf("%6d", p);
  std::printf("\n");
  for (int t = 0; t < test.classes; ++t) {
    std::printf("%4d ", t);
    for (int p = 0; p < test.classes; ++p)
      std::printf("%6d", test.confusion_at(t, p));
    std::printf("\n");
  }
  std::fflush(stdout);
}

void HumanReporter::error(const std::string& message) {
  clear_bar();
  std::fprintf(stderr, "mnist-train: %s\n", message.c_str());
}

void JsonReporter::epoch(const train::EpochSummary& s, double seconds) {
  std::printf(
      "{\"type\":\"epoch\",\"epoch\":%d,\"train_loss\":%s,\"val_loss\":%s,"
      "\"val_accuracy\":%s,\"seconds\":%s}\n",
      s.epoch, json_number(s.train_loss).c_str(), json_number(s.validation_loss).c_str(),
      json_number(s.validation_accuracy).c_str(), json_number(seconds).c_str());
  std::fflush(stdout);
}

void JsonReporter::result(const RunSummary& s) {
  const train::Evaluation& test = *s.test;
  std::ostringstream confusion;
  confusion << "[";
  for (int t = 0; t < test.classes; ++t) {
    confusion << (t ? "," : "") << "[";
    for (int p = 0; p < test.classes; ++p)
      confusion << (p ? "," : "") << test.confusion_at(t, p);
    confusion << "]";
  }
  confusion << "]";
  const std::string robustness =
      !s.robustness ? "" : "\"robustness_accuracy\":" + json_number(s.robustness->accuracy()) + ",";
  // A loaded model was not trained with the command line's configuration: describe the model.
  const std::string config = s.loaded_model.empty()
                                 ? config_json(s.config)
                                 : "{\"model\":" + json_string(s.loaded_model) + "}";
  const double samples_per_second =
      s.train_seconds > 0 ? double(s.train_samples) * s.epochs / s.train_seconds : 0.0;
  std::printf(
      "{\"type\":\"result\",\"preset\":%s,\"config\":%s,\"epochs\":%d,"
      "\"train_samples\":%d,\"train_seconds\":%s,\"total_seconds\":%s,"
      "\"samples_per_second\":%s,\"val_accuracy\":%s,\"val_loss\":%s,"
      "\"test_accuracy\":%s,\"test_loss\":%s,%s\"confusion\":%s}\n",
      json_string(s.preset).c_str(), config.c_str(), s.epochs, s.train_samples,
      json_number(s.train_seconds).c_str(), json_number(s.total_seconds).c_str(),
      json_number(samples_per_second).c_str(), json_number(s.validation_accuracy).c_str(),
      json_number(s.validation_loss).c_str(), json_number(test.accuracy()).c_str(),
      json_number(test.mean_loss()).c_str(), robustness.c_str(), confusion.str().c_str());
  std::fflush(stdout);
}

void JsonReporter::error(const std::string& message) {
  std::printf("{\"type\":\"error\",\"message\":%s}\n", json_string(message).c_str());
  std::fflush(stdout);
  std::fprintf(stderr, "mnist-train: %s\n", message.c_str());
}

}  // namespace cli
