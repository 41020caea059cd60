// Native throughput for `npm run bench`: drives train::Session exactly as the native trainer and
// the page's worker do (preset config, set_data, start, step(budget)), timing slices of step()
// calls in the Training phase only. Also times one Eigen GEMM of the mlp's first-layer size to
// relate throughput to this machine's peak. Prints one JSON object per line.
//
//   train-bench --data DIR [--presets mlp,seed,cnn] [--slices 7] [--slice-seconds 1]
//               [--warmup-slices 1] [--budget 4096] [--no-gemm]
#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/idx.h"
#include "train/config.h"
#include "train/session.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kTrainSamples = 51000;

struct Options {
  std::string data_dir;
  std::vector<std::string> presets{"mlp", "seed", "cnn"};
  int slices = 7;
  double slice_seconds = 1.0;
  int warmup_slices = 1;
  int budget = 4096;  // samples per step(), as the native trainer uses
  bool gemm = true;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

std::string json_list(const std::vector<double>& values) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < values.size(); ++i)
    out << (i ? "," : "") << static_cast<long long>(values[i]);
  out << ']';
  return out.str();
}

void emit(const std::string& preset,
          const std::string& metric,
          double value,
          const std::string& unit,
          const std::string& extra = {}) {
  std::printf("{\"runner\":\"native\",");
  if (!preset.empty())
    std::printf("\"preset\":\"%s\",", preset.c_str());
  std::printf("\"metric\":\"%s\",\"value\":%.6g,\"unit\":\"%s\"%s}\n", metric.c_str(), value,
              unit.c_str(), extra.c_str());
  std::fflush(stdout);
}

void emit_text(const std::string& metric, const std::string& value) {
  std::printf("{\"runner\":\"native\",\"metric\":\"%s\",\"value\":\"%s\"}\n", metric.c_str(),
              value.c_str());
}

/// CPU seconds this process has used: on a shared machine, time spent waiting for a core is
/// not in it, so rates per CPU second can be compared across runs at different loads.
double cpu_seconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

/// Samples per second of each timed slice, by the wall clock and by CPU time. Only step() calls
/// that trained count: the validation and test passes at the end of an epoch are left out of both
/// time and samples.
struct SliceRates {
  std::vector<double> wall;
  std::vector<double> cpu;
};

SliceRates time_preset(train::Session& session, const std::string& preset, const Options& o) {
  train::TrainConfig config = train::preset_config(preset);
  config.epochs = train::kMaxEpochs;  // never runs out during the measurement
  config.augment = {};                 // the same work as the peers, which do not augment
  session.start(config);
  SliceRates rates;
  for (int s = 0; s < o.warmup_slices + o.slices; ++s) {
    double trained_seconds = 0.0, trained_cpu_seconds = 0.0;
    long long samples = 0;
    const Clock::time_point slice_start = Clock::now();
    while (seconds_since(slice_start) < o.slice_seconds) {
      const Clock::time_point step_start = Clock::now();
      const double step_cpu_start = cpu_seconds();
      const train::StepReport report = session.step(o.budget);
      const double step_seconds = seconds_since(step_start);
      if (report.batches_trained > 0) {
        trained_seconds += step_seconds;
        trained_cpu_seconds += cpu_seconds() - step_cpu_start;
        samples += report.samples_trained;
      }
      if (report.phase == train::Phase::Diverged || report.phase == train::Phase::Done) {
        throw std::runtime_error(preset + ": the run ended during the benchmark (" +
                                 std::string(train::phase_name(report.phase)) + ")");
      }
    }
    if (s >= o.warmup_slices) {
      rates.wall.push_back(static_cast<double>(samples) / trained_seconds);
      rates.cpu.push_back(static_cast<double>(samples) / trained_cpu_seconds);
    }
  }
  session.stop();
  return rates;
}

/// GFLOP/s of one float GEMM: (128 x 784) * (784 x 64), the mlp's first layer on a batch.
std::vector<double> time_gemm(int runs) {
  const Eigen::MatrixXf a = Eigen::MatrixXf::Random(128, 784);
  const Eigen::MatrixXf b = Eigen::MatrixXf::Random(784, 64);
  Eigen::MatrixXf c(128, 64);
  const double flops = 2.0 * 128 * 784 * 64;
  std::vector<double> rates;
  for (int run = 0; run < runs; ++run) {
    int reps = 0;
    const Clock::time_point start = Clock::now();
    double elapsed = 0.0;
    do {
      for (int i = 0; i < 50; ++i)
        c.noalias() = a * b;
      reps += 50;
      elapsed = seconds_since(start);
    } while (elapsed < 0.2);
    rates.push_back(flops * reps / elapsed / 1e9);
  }
  if (!std::isfinite(c(0, 0)))
    std::printf("# unexpected GEMM result\n");  // keeps c alive
  return rates;
}

/// The instruction sets this binary was compiled for (Eigen's own string does not name AVX2/FMA).
std::string compiled_simd() {
  std::string sets;
  auto add = [&sets](const char* name) { sets += sets.empty() ? name : std::string("+") + name; };
#if defined(__AVX512F__)
  add("AVX-512");
#endif
#if defined(__AVX2__)
  add("AVX2");
#elif defined(__AVX__)
  add("AVX");
#endif
#if defined(__FMA__)
  add("FMA");
#endif
#if defined(__SSE2__) && !defined(__AVX__)
  add("SSE2");
#endif
  return sets.empty() ? "scalar" : sets;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--data") {
      o.data_dir = value();
    } else if (arg == "--presets") {
      o.presets.clear();
      std::stringstream list(value());
      for (std::string name; std::getline(list, name, ',');)
        o.presets.push_back(name);
    } else if (arg == "--slices") {
      o.slices = std::stoi(value());
    } else if (arg == "--slice-seconds") {
      o.slice_seconds = std::stod(value());
    } else if (arg == "--warmup-slices") {
      o.warmup_slices = std::stoi(value());
    } else if (arg == "--budget") {
      o.budget = std::stoi(value());
    } else if (arg == "--no-gemm") {
      o.gemm = false;
    } else {
      throw std::invalid_argument("unknown option " + arg);
    }
  }
  if (o.data_dir.empty())
    throw std::invalid_argument("--data DIR is required");
  if (o.slices < 1)
    throw std::invalid_argument("--slices must be at least 1");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    emit_text("simd", compiled_simd() + " (Eigen: " + Eigen::SimdInstructionSetsInUse() + ")");
    if (o.gemm) {
      const std::vector<double> gemm = time_gemm(std::max(3, o.slices));
      emit("", "gemm_gflops", median(gemm), "GFLOP/s", ",\"shape\":\"128x784*784x64\"");
    }
    const std::string dir = o.data_dir + "/";
    train::Session session;
    session.set_data(data::make_dataset(data::read_idx_images(dir + "train-images-idx3-ubyte"),
                                        data::read_idx_labels(dir + "train-labels-idx1-ubyte")),
                     data::make_dataset(data::read_idx_images(dir + "t10k-images-idx3-ubyte"),
                                        data::read_idx_labels(dir + "t10k-labels-idx1-ubyte")));
    if (session.split().train.count != kTrainSamples) {
      throw std::runtime_error("expected the 51,000-image training split, got " +
                               std::to_string(session.split().train.count));
    }
    for (const std::string& preset : o.presets) {
      const SliceRates rates = time_preset(session, preset, o);
      const double per_second = median(rates.wall);
      emit(preset, "train_samples_per_second", per_second, "samples/s",
           ",\"slices\":" + json_list(rates.wall) + ",\"budget\":" + std::to_string(o.budget));
      emit(preset, "train_samples_per_cpu_second", median(rates.cpu), "samples/s",
           ",\"slices\":" + json_list(rates.cpu));
      emit(preset, "seconds_per_epoch", kTrainSamples / per_second, "s");
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "train-bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
