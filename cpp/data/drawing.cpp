#include "data/drawing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace data {
namespace {

constexpr int kMaxCanvasSide = 4096;

struct Box {
  int left, top, width, height;
};

// Smallest rectangle holding every pixel at or above the ink threshold; width 0 when none does.
Box ink_bounding_box(const InkImage& drawing) {
  int left = drawing.width, right = -1, top = drawing.height, bottom = -1;
  for (int y = 0; y < drawing.height; ++y) {
    const uint8_t* row = drawing.data + static_cast<size_t>(y) * drawing.width * drawing.stride;
    for (int x = 0; x < drawing.width; ++x) {
      if (row[static_cast<size_t>(x) * drawing.stride] < kInkThreshold)
        continue;
      left = std::min(left, x);
      right = std::max(right, x);
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
  }
  if (right < 0)
    return {0, 0, 0, 0};
  return {left, top, right - left + 1, bottom - top + 1};
}

// Weights of the source pixels [0, source) that cells of 1 / scale source pixels cover: cell t
// spans [t, t + 1) / scale, and a source pixel contributes the fraction of the cell it covers.
// The cells run to the end of the source, the last one partly covered (partly paper) when the
// source is not a whole number of cells: the anti-aliased normalisation MNIST was made with.
// Works for shrinking (area averaging) and enlarging (each cell inside one or two pixels).
struct Span {
  int first;
  std::vector<float> weights;
};
std::vector<Span> area_weights(int source, double scale) {
  // A side that is a whole number of cells within rounding gets no sliver of a cell more.
  const int target = std::max(1, static_cast<int>(std::ceil(source * scale - 1e-6)));
  std::vector<Span> spans(target);
  for (int t = 0; t < target; ++t) {
    const double begin = t / scale, end = (t + 1) / scale;
    Span& span = spans[t];
    span.first = static_cast<int>(std::floor(begin));
    for (int s = span.first; s < source && s < end; ++s) {
      const double overlap = std::min<double>(end, s + 1) - std::max<double>(begin, s);
      span.weights.push_back(static_cast<float>(overlap * scale));
    }
  }
  return spans;
}

}  // namespace

PreparedDigit preprocess_drawing(const InkImage& drawing) {
  if (drawing.width < 1 || drawing.width > kMaxCanvasSide || drawing.height < 1 ||
      drawing.height > kMaxCanvasSide) {
    throw std::invalid_argument("a drawing must be 1 to " + std::to_string(kMaxCanvasSide) +
                                " pixels on each side, got " + std::to_string(drawing.width) +
                                " x " + std::to_string(drawing.height));
  }
  if (drawing.stride < 1 || drawing.stride > 4) {
    throw std::invalid_argument("a drawing's pixel stride must be 1 to 4 bytes");
  }
  if (drawing.data == nullptr)
    throw std::invalid_argument("a drawing needs pixel data");

  PreparedDigit digit;
  const Box box = ink_bounding_box(drawing);
  if (box.width == 0)
    return digit;
  digit.empty = false;

  // Scale the box so its longer side is 20 px: one scale for both axes, so the shorter side ends
  // in a partly covered row or column.
  const double scale = double(kDigitBoxSide) / std::max(box.width, box.height);
  const std::vector<Span> columns = area_weights(box.width, scale);
  const std::vector<Span> rows = area_weights(box.height, scale);
  const int width = static_cast<int>(columns.size());
  const int height = static_cast<int>(rows.size());

  // Separable area averaging: columns first (box.height x width), then rows (height x width).
  std::vector<float> narrowed(static_cast<size_t>(box.height) * width, 0.0f);
  for (int y = 0; y < box.height; ++y) {
    const uint8_t* source =
        drawing.data +
        (static_cast<size_t>(box.top + y) * drawing.width + box.left) * drawing.stride;
    for (int x = 0; x < width; ++x) {
      float sum = 0.0f;
      const Span& span = columns[x];
      for (size_t k = 0; k < span.weights.size(); ++k) {
        sum += span.weights[k] * source[static_cast<size_t>(span.first + k) * drawing.stride];
      }
      narrowed[static_cast<size_t>(y) * width + x] = sum;
    }
  }
  std::vector<float> scaled(static_cast<size_t>(height) * width, 0.0f);
  double mass = 0.0, mass_x = 0.0, mass_y = 0.0;
  for (int y = 0; y < height; ++y) {
    const Span& span = rows[y];
    for (int x = 0; x < width; ++x) {
      float sum = 0.0f;
      for (size_t k = 0; k < span.weights.size(); ++k) {
        sum += span.weights[k] * narrowed[(span.first + k) * width + x];
      }
      scaled[static_cast<size_t>(y) * width + x] = sum;
      mass += sum;
      mass_x += sum * (x + 0.5);
      mass_y += sum * (y + 0.5);
    }
  }

  // Translate so the centre of mass lands where MNIST's does: on pixel (14, 14), which is 14.5 in
  // the pixel-edge coordinates used above (every MNIST test digit's centre of mass lies within
  // half a pixel of pixel index 14; aiming at 14.0 shifts half of them by a pixel). Rounded to
  // whole pixels as MNIST's own centring was; ink shifted past the edge is cut off.
  const double centre = kDigitSide / 2.0 + 0.5;
  const int offset_x = static_cast<int>(std::lround(centre - mass_x / mass));
  const int offset_y = static_cast<int>(std::lround(centre - mass_y / mass));
  for (int y = 0; y < height; ++y) {
    const int ty = y + offset_y;
    if (ty < 0 || ty >= kDigitSide)
      continue;
    for (int x = 0; x < width; ++x) {
      const int tx = x + offset_x;
      if (tx < 0 || tx >= kDigitSide)
        continue;
      const float value = scaled[static_cast<size_t>(y) * width + x];
      digit.pixels[static_cast<size_t>(ty) * kDigitSide + tx] =
          static_cast<uint8_t>(std::lround(std::clamp(value, 0.0f, 255.0f)));
    }
  }
  // Faint ink spread over a large box (light dots far apart) averages to a blank 28 x 28 field:
  // nothing to classify, so say so rather than hand the network an empty image.
  digit.empty =
      std::all_of(digit.pixels.begin(), digit.pixels.end(), [](uint8_t p) { return p == 0; });
  return digit;
}

}  // namespace data
