// Experiment behind the README's kernel figures: the cnn preset's two convolutions (1x28x28 ->
// 6x24x24 and 6x12x12 -> 16x8x8, 5x5, valid), each kernel on a batch of 64, the best time of
// 200 repeats (the best, not the median: on a shared machine the other core's work only ever adds
// time). Not part of any build. From the repository root, after `npm run build`:
//   g++ -O3 -DNDEBUG -mavx2 -mfma -fno-math-errno -std=c++17 -Icpp \
//       bench/experiments/conv_kernels.cpp cpp/nn/conv_kernels.cpp -o /tmp/conv_kernels
//   /tmp/conv_kernels
// and in wasm, in node (Emscripten 3.1.6 needs node's fetch off to load its own .wasm):
//   NODE_PATH=/usr/share/nodejs em++ -O3 -DNDEBUG -msimd128 -fno-math-errno -std=c++17 -Icpp \
//       bench/experiments/conv_kernels.cpp cpp/nn/conv_kernels.cpp -sENVIRONMENT=node \
//       -o /tmp/conv_kernels.js
//   node --no-experimental-fetch /tmp/conv_kernels.js
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "nn/conv_kernels.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double best_microseconds(F run, int repeats = 200) {
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const Clock::time_point start = Clock::now();
    run();
    best = std::min(best, std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main() {
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  const auto fill = [&](std::vector<float>& v) {
    for (float& x : v)
      x = uniform(rng);
  };
  const int n = 64;
  struct Layer {
    const char* name;
    nn::ConvPlan plan;
    bool input_gradient;  // the first layer's is never computed
  };
  const Layer layers[] = {{"conv1", {1, 28, 28, 6, 5}, false}, {"conv2", {6, 12, 12, 16, 5}, true}};
  double total = 0.0;
  for (const Layer& layer : layers) {
    const nn::ConvPlan& p = layer.plan;
    const std::vector<int32_t> taps = p.tap_offsets();
    const int in_size = p.channels * p.height * p.width;
    const int out_size = p.filters * p.out_height() * p.out_width();
    std::vector<float> in(static_cast<size_t>(in_size) * n), weights(p.patch_size() * p.filters),
        bias(p.filters), out(static_cast<size_t>(out_size) * n), d(out.size()),
        dweights(weights.size()), din(in.size()), scratch(nn::conv2d_weight_gradient_scratch(p));
    fill(in);
    fill(weights);
    fill(bias);
    fill(d);
    const double forward = best_microseconds([&] {
      for (int s = 0; s < n; ++s)
        nn::conv2d_forward(p, taps.data(), in.data() + s * in_size, weights.data(), bias.data(),
                           out.data() + s * out_size);
    });
    const double weight_gradient = best_microseconds([&] {
      std::fill(dweights.begin(), dweights.end(), 0.0f);
      nn::conv2d_weight_gradient(p, taps.data(), n, in.data(), in_size, d.data(), out_size,
                                 dweights.data(), scratch.data());
    });
    const double input_gradient = !layer.input_gradient ? 0.0 : best_microseconds([&] {
      for (int s = 0; s < n; ++s) {
        float* x = din.data() + s * in_size;
        std::fill(x, x + in_size, 0.0f);
        nn::conv2d_input_gradient(p, d.data() + s * out_size, weights.data(), x);
      }
    });
    std::printf("%s  forward %.1f us  weight gradient %.1f us  input gradient %.1f us\n",
                layer.name, forward, weight_gradient, input_gradient);
    total += forward + weight_gradient + input_gradient;
  }
  std::printf("total %.1f us per batch of %d\n", total, n);
}
