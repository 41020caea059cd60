#include "train/evaluation.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "data/batch.h"
#include "nn/loss.h"

namespace train {

int argmax(const Eigen::Ref<const nn::Vector>& outputs) {
  Eigen::Index best = 0;
  outputs.maxCoeff(&best);
  return static_cast<int>(best);
}

void Evaluator::begin(const data::DatasetView& dataset, int classes, bool keep_mistakes) {
  if (classes < dataset.classes) {
    throw std::invalid_argument("the network has " + std::to_string(classes) +
                                " outputs but the data has " + std::to_string(dataset.classes) +
                                " classes");
  }
  dataset_ = dataset;
  nonzero_fraction_ = data::nonzero_fraction(dataset);
  keep_mistakes_ = keep_mistakes;
  next_ = 0;
  result_ = Evaluation{};
  result_.classes = classes;
  result_.confusion.assign(static_cast<size_t>(classes) * classes, 0);
}

int Evaluator::chunk_size(const nn::Architecture& architecture) {
  const long long bytes = nn::forward_floats_per_sample(architecture) * 4;
  return static_cast<int>(std::clamp(kChunkBufferBytes / std::max(bytes, 1ll), 1ll, 1ll * kChunk));
}

bool Evaluator::advance(nn::Network& network, int max_samples) {
  const nn::Architecture& arch = network.architecture();
  const bool sparse = network.accepts_sparse_input() && nonzero_fraction_ <= kSparseInputMaxDensity;
  const int chunk = chunk_size(arch);
  int budget = std::max(max_samples, 1);
  while (!done() && budget > 0) {
    const int n = std::min(chunk, dataset_.count - next_);
    const nn::ConstMatrixMap outputs = [&] {
      if (sparse) {
        data::gather_sparse_range(dataset_, next_, n, sparse_inputs_);
        return network.forward(sparse_inputs_);
      }
      data::gather_range(dataset_, next_, n, dense_inputs_);
      return network.forward(dense_inputs_.leftCols(n));
    }();
    const uint8_t* labels = dataset_.labels + next_;
    result_.loss_sum +=
        nn::loss_sum(arch.loss, arch.output_activation(), network.logits(), outputs, labels);
    for (int i = 0; i < n; ++i) {
      const int predicted = argmax(outputs.col(i));
      const int label = labels[i];
      ++result_.confusion[label * result_.classes + predicted];
      if (predicted == label) {
        ++result_.correct;
      } else if (keep_mistakes_) {
        result_.mistakes.push_back({next_ + i, label, predicted, outputs(predicted, i)});
      }
    }
    result_.count += n;
    next_ += n;
    budget -= n;
  }
  return done();
}

Evaluation evaluate(nn::Network& network, const data::DatasetView& dataset, bool keep_mistakes) {
  Evaluator evaluator;
  evaluator.begin(dataset, network.output_size(), keep_mistakes);
  evaluator.advance(network, std::numeric_limits<int>::max());
  return evaluator.result();
}

}  // namespace train
