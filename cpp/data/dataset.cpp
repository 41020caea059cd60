#include "data/dataset.h"

#include <algorithm>
#include <string>

namespace data {

Dataset make_dataset(IdxImages images, std::vector<uint8_t> labels, int classes) {
  if (images.count != labels.size()) {
    throw IdxError("the image file holds " + std::to_string(images.count) +
                   " images but the label file holds " + std::to_string(labels.size()) +
                   " labels; they must be a matching pair");
  }
  if (images.count == 0)
    throw IdxError("the files hold no samples");
  const auto bad =
      std::find_if(labels.begin(), labels.end(), [&](uint8_t l) { return l >= classes; });
  if (bad != labels.end()) {
    throw IdxError("label " + std::to_string(*bad) + " at position " +
                   std::to_string(bad - labels.begin()) + " is outside 0-" +
                   std::to_string(classes - 1));
  }
  Dataset dataset;
  dataset.rows = static_cast<int>(images.rows);
  dataset.cols = static_cast<int>(images.cols);
  dataset.classes = classes;
  dataset.images = std::move(images.pixels);
  dataset.labels = std::move(labels);
  return dataset;
}

DatasetView view(const Dataset& dataset, int begin, int end) {
  if (begin < 0 || end > dataset.count() || begin > end) {
    throw std::out_of_range("dataset range [" + std::to_string(begin) + ", " + std::to_string(end) +
                            ") is outside [0, " + std::to_string(dataset.count()) + ")");
  }
  DatasetView v;
  v.pixels = dataset.pixels_per_image();
  v.images = dataset.images.data() + static_cast<size_t>(begin) * v.pixels;
  v.labels = dataset.labels.data() + begin;
  v.count = end - begin;
  v.classes = dataset.classes;
  return v;
}

double nonzero_fraction(const DatasetView& dataset, int max_samples) {
  if (dataset.count <= 0 || dataset.pixels <= 0 || max_samples <= 0)
    return 0.0;
  const int samples = std::min(dataset.count, max_samples);
  long long nonzero = 0;
  for (int i = 0; i < samples; ++i) {
    const uint8_t* image =
        dataset.image(static_cast<int>(static_cast<long long>(i) * dataset.count / samples));
    nonzero += std::count_if(image, image + dataset.pixels, [](uint8_t p) { return p != 0; });
  }
  return static_cast<double>(nonzero) / (static_cast<double>(samples) * dataset.pixels);
}

TrainValidationSplit split_train_validation(const Dataset& training_file) {
  const int count = training_file.count();
  const int validation = std::max(1, static_cast<int>(static_cast<long long>(count) * 15 / 100));
  if (count < 2)
    throw IdxError("a training file needs at least 2 samples to split off validation");
  return {view(training_file, 0, count - validation),
          view(training_file, count - validation, count)};
}

}  // namespace data
