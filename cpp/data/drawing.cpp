#include "data/drawing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "data/stroke.h"

namespace data {
namespace {

constexpr int kMaxCanvasSide = 4096;

struct Box {
  int left, top, width, height;
};

// A drawing's pixels as ink values.
struct CanvasSource {
  const InkImage& drawing;
  float at(int x, int y) const {
    return drawing.data[(static_cast<size_t>(y) * drawing.width + x) * drawing.stride];
  }
};

// Smallest rectangle of a width x height source (at(x, y) reads a pixel) holding every pixel at or
// above the ink threshold; width 0 when none does.
template <typename Source>
Box ink_box(const Source& source, int width, int height) {
  int left = width, right = -1, top = height, bottom = -1;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (source.at(x, y) < kInkThreshold)
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

// A float image: the drawing's box at some scale, with `margin` pixels of paper around it.
struct Image {
  int width = 0, height = 0;
  std::vector<float> pixels;
  float at(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
};

// The box of `source` (at(x, y) reads a pixel) scaled by `scale`, one scale for both axes, by area
// averaging: separable, columns first (box.height x width), then rows.
template <typename Source>
Image scale_box(const Source& source, const Box& box, double scale, int margin) {
  const std::vector<Span> columns = area_weights(box.width, scale);
  const std::vector<Span> rows = area_weights(box.height, scale);
  const int width = static_cast<int>(columns.size());
  std::vector<float> narrowed(static_cast<size_t>(box.height) * width, 0.0f);
  for (int y = 0; y < box.height; ++y) {
    for (int x = 0; x < width; ++x) {
      float sum = 0.0f;
      const Span& span = columns[x];
      for (size_t k = 0; k < span.weights.size(); ++k)
        sum +=
            span.weights[k] * source.at(box.left + span.first + static_cast<int>(k), box.top + y);
      narrowed[static_cast<size_t>(y) * width + x] = sum;
    }
  }
  Image scaled;
  scaled.width = width + 2 * margin;
  scaled.height = static_cast<int>(rows.size()) + 2 * margin;
  scaled.pixels.assign(static_cast<size_t>(scaled.width) * scaled.height, 0.0f);
  for (size_t y = 0; y < rows.size(); ++y) {
    const Span& span = rows[y];
    float* row = scaled.pixels.data() + (y + margin) * scaled.width + margin;
    for (int x = 0; x < width; ++x) {
      float sum = 0.0f;
      for (size_t k = 0; k < span.weights.size(); ++k)
        sum += span.weights[k] * narrowed[(span.first + k) * width + x];
      row[x] = sum;
    }
  }
  return scaled;
}

// The drawing is first scaled so its box's longer side is 80 px, 4x the digit's: fine enough to
// measure and redraw its strokes, small enough to do so in well under a millisecond.
constexpr int kWorkScale = 4;
constexpr int kWorkSide = kDigitBoxSide * kWorkScale;
// Paper around the work image for strokes to widen into: up to 2 * (kWorkMargin - 1) work pixels
// in all, 4.5 px of the digit's, more than any change the stroke range asks for.
constexpr int kWorkMargin = 10;
constexpr float kHalfInk = 127.5f;

// Matches the strokes of the work image (its drawing's box `box`, kWorkSide on the longer side)
// to MNIST's: a stroke width outside [kMinStrokeWidth, kMaxStrokeWidth] (in the digit's pixels)
// is widened or thinned to the nearer end. Returns the box of the ink to scale down.
Box match_strokes(Image& work, const Box& box) {
  StrokeField field;
  const float width =
      field.measure(work.pixels.data(), work.width, work.height, kHalfInk) / kWorkScale;
  // No ink at half strength, or a blob rather than strokes (a dot: "strokes" half as wide as the
  // digit is tall), has no strokes to match.
  if (width == 0.0f || width > 0.5f * kDigitBoxSide ||
      (width >= kMinStrokeWidth && width <= kMaxStrokeWidth)) {
    return box;
  }
  const float target = std::clamp(width, kMinStrokeWidth, kMaxStrokeWidth);
  // Widening by d work pixels also grows the box by about d, which the final scaling takes back:
  // (w + d) * 20 / (L + d) = target, with w and L the work image's stroke width and box side.
  const float ratio = target / kDigitBoxSide;
  const float change = std::min((target * kWorkScale - field.stroke_width()) / (1.0f - ratio),
                                2.0f * (kWorkMargin - 1));
  Image redrawn = work;
  ink_from_distance(field.signed_distance(), change, redrawn.pixels.data());
  const Box redrawn_box = ink_box(redrawn, redrawn.width, redrawn.height);
  if (redrawn_box.width == 0)
    return box;  // thinned away (a faint scribble): keep the drawing's own strokes
  work = std::move(redrawn);
  return redrawn_box;
}

}  // namespace

PreparedDigit preprocess_drawing(const InkImage& drawing, Strokes strokes) {
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
  const Box box = ink_box(CanvasSource{drawing}, drawing.width, drawing.height);
  if (box.width == 0)
    return digit;
  digit.empty = false;

  // The box at 4x the digit's final size, its strokes matched to MNIST's, then scaled so its
  // longer side is 20 px. Both scalings use one scale for both axes, so the shorter side ends in
  // a partly covered row or column; and the second is exactly 1/4 when the strokes are kept,
  // which makes the two one area averaging.
  Image work = scale_box(CanvasSource{drawing}, box,
                         double(kWorkSide) / std::max(box.width, box.height), kWorkMargin);
  const Box drawn_box{kWorkMargin, kWorkMargin, work.width - 2 * kWorkMargin,
                      work.height - 2 * kWorkMargin};
  const Box work_box = strokes == Strokes::Match ? match_strokes(work, drawn_box) : drawn_box;
  const Image scaled = scale_box(
      work, work_box, double(kDigitBoxSide) / std::max(work_box.width, work_box.height), 0);
  const int width = scaled.width, height = scaled.height;
  double mass = 0.0, mass_x = 0.0, mass_y = 0.0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const float value = scaled.at(x, y);
      mass += value;
      mass_x += value * (x + 0.5);
      mass_y += value * (y + 0.5);
    }
  }
  if (!(mass > 0.0))
    return PreparedDigit{};

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
      const float value = scaled.at(x, y);
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
