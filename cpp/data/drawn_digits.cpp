#include "data/drawn_digits.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "data/drawing.h"
#include "data/row_span.h"

namespace data {
namespace {

constexpr int kSupersample = 4;  // the distance field is 4x finer than the image (112 x 112)
constexpr float kHalfInk = 127.5f;  // the edge of a stroke: half ink
// Image pixels of paper kept around the ink for the pen to reach into: a pen up to 7 px wide
// (a radius of kMargin - 0.5), plus anti-aliasing.
constexpr float kMargin = 4.0f;
// Keeps the drawing streams apart from other uses of the same seed.
constexpr uint64_t kDrawStream = 0xD8A3D16175000000ull;

// Bilinear interpolation at (x, y) in pixel-centre coordinates (pixel i's centre is at i); paper
// (0) outside the image.
float bilinear(const uint8_t* image, int width, int height, float x, float y) {
  const float fx = std::floor(x), fy = std::floor(y);
  const float tx = x - fx, ty = y - fy;
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  auto at = [&](int px, int py) -> float {
    if (px < 0 || py < 0 || px >= width || py >= height)
      return 0.0f;
    return image[static_cast<size_t>(py) * width + px];
  };
  const float top = at(x0, y0) + tx * (at(x0 + 1, y0) - at(x0, y0));
  const float bottom = at(x0, y0 + 1) + tx * (at(x0 + 1, y0 + 1) - at(x0, y0 + 1));
  return top + ty * (bottom - top);
}

// The same over a field at least 2 x 2, reading the nearest edge value outside it.
float bilinear_clamped(const float* field, int width, int height, float x, float y) {
  x = std::clamp(x, 0.0f, float(width - 1));
  y = std::clamp(y, 0.0f, float(height - 1));
  const int x0 = std::min(static_cast<int>(x), width - 2);
  const int y0 = std::min(static_cast<int>(y), height - 2);
  const float tx = x - x0, ty = y - y0;
  const float* p = field + static_cast<size_t>(y0) * width + x0;
  const float top = p[0] + tx * (p[1] - p[0]);
  const float bottom = p[width] + tx * (p[width + 1] - p[width]);
  return top + ty * (bottom - top);
}

// The canvas position of the image's centre that puts an extent [low, high] (relative to that
// centre) at `where` (0 to 1) of the room the pad leaves around it, or centres it without room.
float place(float where, float low, float high) {
  const float room = kPadSide - (high - low);
  const float start = room >= 0.0f ? std::clamp(where, 0.0f, 1.0f) * room : 0.5f * room;
  return start - low;
}

struct Bounds {
  float left, top, right, bottom;
};

// The part `area` (whole pixels) of a 28 x 28 image, kSupersample times finer, resampled
// bilinearly: the smooth shape a threshold at half ink outlines.
void enlarge_smoothly(const uint8_t* image, const Bounds& area, std::vector<float>& fine) {
  const int width = static_cast<int>(area.right - area.left) * kSupersample;
  const int height = static_cast<int>(area.bottom - area.top) * kSupersample;
  fine.resize(static_cast<size_t>(width) * height);
  for (int j = 0; j < height; ++j) {
    const float y = area.top + (j + 0.5f) / kSupersample - 0.5f;
    for (int i = 0; i < width; ++i) {
      const float x = area.left + (i + 0.5f) / kSupersample - 0.5f;
      fine[static_cast<size_t>(j) * width + i] = bilinear(image, kDigitSide, kDigitSide, x, y);
    }
  }
}

// The image's inked area grown by `margin` pixels, within the image.
Bounds grown(const Bounds& ink, float margin) {
  return {std::max(0.0f, ink.left - margin), std::max(0.0f, ink.top - margin),
          std::min(float(kDigitSide), ink.right + margin),
          std::min(float(kDigitSide), ink.bottom + margin)};
}

// The image pixels holding any ink, as an area in image coordinates (pixel edges).
bool ink_area(const uint8_t* image, Bounds& area) {
  int left = kDigitSide, top = kDigitSide, right = -1, bottom = -1;
  for (int y = 0; y < kDigitSide; ++y) {
    for (int x = 0; x < kDigitSide; ++x) {
      if (image[y * kDigitSide + x] == 0)
        continue;
      left = std::min(left, x);
      right = std::max(right, x);
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
  }
  area = {float(left), float(top), float(right + 1), float(bottom + 1)};
  return right >= 0;
}

}  // namespace

DrawStyle random_draw_style(nn::Random& random) {
  DrawStyle style;
  style.scale = random.uniform(kDrawnMinScale, kDrawnMaxScale);
  style.rotation = random.uniform(-kDrawnMaxRotation, kDrawnMaxRotation);
  style.pen_width = kPadPenWidth * random.uniform(kDrawnMinPen, kDrawnMaxPen);
  style.place_x = random.uniform01();
  style.place_y = random.uniform01();
  return style;
}

void DigitDrawer::draw(const uint8_t* image, const DrawStyle& style, std::vector<uint8_t>& canvas) {
  canvas.assign(static_cast<size_t>(kPadSide) * kPadSide, 0);
  Bounds ink;
  if (!ink_area(image, ink) || !(style.scale > 0.0f))
    return;

  // Redrawing with a pen: the digit's strokes as the distance to their centre lines (its
  // skeleton), 4x finer than the image, over the inked area and the room the pen needs around it.
  const Bounds field = grown(ink, kMargin);
  const int fine_width = static_cast<int>(field.right - field.left) * kSupersample;
  const int fine_height = static_cast<int>(field.bottom - field.top) * kSupersample;
  bool repen = style.pen_width > 0.0f;
  const float* distance = nullptr;
  if (repen) {
    enlarge_smoothly(image, field, fine_);
    distance = field_.distance_to_skeleton(fine_.data(), fine_width, fine_height, kHalfInk).data();
    // A faint digit (no pixel half inked) has no skeleton: it keeps its own pixels.
    repen = distance[0] < float(fine_width + fine_height);
  }
  // The pen's radius in image pixels, at most what the margin holds.
  const float radius =
      repen ? std::min(0.5f * style.pen_width / style.scale, kMargin - 0.5f) : 0.0f;
  // Beyond this, the canvas is paper: the ink's box grown by the pen and one pixel of blur.
  const float grow = 1.0f + radius;
  const Bounds inked = {ink.left - grow, ink.top - grow, ink.right + grow, ink.bottom + grow};

  // Where the inked box lands, turned about the image's centre: the place decides the centre.
  const float c = std::cos(style.rotation), s = std::sin(style.rotation);
  const float half = 0.5f * kDigitSide;
  float left = kPadSide, right = -kPadSide, top = kPadSide, bottom = -kPadSide;
  for (float u : {inked.left, inked.right}) {
    for (float v : {inked.top, inked.bottom}) {
      const float x = style.scale * (c * (u - half) - s * (v - half));
      const float y = style.scale * (s * (u - half) + c * (v - half));
      left = std::min(left, x);
      right = std::max(right, x);
      top = std::min(top, y);
      bottom = std::max(bottom, y);
    }
  }
  const float centre_x = place(style.place_x, left, right);
  const float centre_y = place(style.place_y, top, bottom);

  // Each canvas pixel's centre, mapped back into the image (pixel-edge coordinates u, v) and the
  // fine distance field; only the pixels that land in the inked box are visited.
  const float inverse = 1.0f / style.scale;
  const float to_canvas = style.scale / kSupersample;  // canvas pixels per fine pixel
  const float fine_radius = radius * kSupersample;
  for (int y = 0; y < kPadSide; ++y) {
    const float dy = y + 0.5f - centre_y;
    // u = half + inverse * (c dx + s dy) and v = half + inverse * (c dy - s dx) inside the box.
    float first = -kPadSide, last = kPadSide;
    keep_within(inverse * c, half + inverse * s * dy, inked.left, inked.right, first, last);
    keep_within(-inverse * s, half + inverse * c * dy, inked.top, inked.bottom, first, last);
    const int x_begin = std::max(0, static_cast<int>(std::ceil(first + centre_x - 0.5f)));
    const int x_end = std::min(kPadSide, static_cast<int>(std::floor(last + centre_x - 0.5f)) + 1);
    uint8_t* row = canvas.data() + static_cast<size_t>(y) * kPadSide;
    for (int x = x_begin; x < x_end; ++x) {
      const float dx = x + 0.5f - centre_x;
      const float u = half + inverse * (c * dx + s * dy);
      const float v = half + inverse * (c * dy - s * dx);
      float value;
      if (repen) {
        // Distance inside the pen's edge, in canvas pixels: one pixel of anti-aliasing.
        const float inside = fine_radius - bilinear_clamped(distance, fine_width, fine_height,
                                                            (u - field.left) * kSupersample - 0.5f,
                                                            (v - field.top) * kSupersample - 0.5f);
        value = 255.0f * std::clamp(inside * to_canvas + 0.5f, 0.0f, 1.0f);
      } else {
        const int px = static_cast<int>(std::floor(u)), py = static_cast<int>(std::floor(v));
        const bool inside = px >= 0 && py >= 0 && px < kDigitSide && py < kDigitSide;
        value = inside ? image[py * kDigitSide + px] : 0.0f;
      }
      row[x] = static_cast<uint8_t>(std::clamp(value, 0.0f, 255.0f) + 0.5f);
    }
  }
}

float digit_stroke_width(const uint8_t* image) {
  Bounds ink;
  if (!ink_area(image, ink))
    return 0.0f;
  const Bounds area = grown(ink, 1.0f);
  std::vector<float> fine;
  enlarge_smoothly(image, area, fine);
  StrokeField field;
  field.signed_distance(fine.data(), static_cast<int>(area.right - area.left) * kSupersample,
                        static_cast<int>(area.bottom - area.top) * kSupersample, kHalfInk);
  return field.stroke_width() / kSupersample;
}

namespace {

template <typename StyleOf>
Dataset redraw(const DatasetView& digits, StyleOf style_of, Strokes strokes) {
  if (digits.pixels != kDigitSide * kDigitSide)
    throw std::invalid_argument("only 28 x 28 images can be drawn on the pad");
  Dataset result;
  result.rows = kDigitSide;
  result.cols = kDigitSide;
  result.classes = digits.classes;
  result.images.assign(static_cast<size_t>(digits.count) * digits.pixels, 0);
  result.labels.assign(digits.labels, digits.labels + digits.count);
  DigitDrawer drawer;
  std::vector<uint8_t> canvas;
  for (int i = 0; i < digits.count; ++i) {
    drawer.draw(digits.image(i), style_of(), canvas);
    const PreparedDigit prepared =
        preprocess_drawing({canvas.data(), kPadSide, kPadSide, 1}, strokes);
    if (!prepared.empty) {
      std::copy(prepared.pixels.begin(), prepared.pixels.end(),
                result.images.begin() + static_cast<ptrdiff_t>(i) * digits.pixels);
    }
  }
  return result;
}

}  // namespace

Dataset redraw_on_pad(const DatasetView& digits, uint32_t seed, Strokes strokes) {
  nn::Random random(kDrawStream ^ seed);
  return redraw(
      digits, [&] { return random_draw_style(random); }, strokes);
}

Dataset redraw_on_pad(const DatasetView& digits, const DrawStyle& style, Strokes strokes) {
  return redraw(
      digits, [&] { return style; }, strokes);
}

}  // namespace data
