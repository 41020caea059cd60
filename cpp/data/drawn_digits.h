#pragma once

#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "data/drawing.h"
#include "data/stroke.h"
#include "nn/random.h"

namespace data {

/// The drawing pad as the page makes it (web/src/page/pad.js): a square canvas, 280 px at 1x, and
/// a round pen 0.08 of its side wide, whatever size the digit is drawn at.
inline constexpr int kPadSide = 280;
inline constexpr float kPadPenWidth = 0.08f * kPadSide;

/// How one 28 x 28 digit is drawn on the pad.
struct DrawStyle {
  float scale = 10.0f;     // canvas pixels per image pixel: MNIST's 20 px box becomes 20 * scale
  float rotation = 0.0f;   // radians, clockwise on the screen
  float place_x = 0.5f;    // where the drawn digit sits in the room the pad leaves around it:
  float place_y = 0.5f;    // 0 at the left (top) edge, 1 at the right (bottom), 0.5 centred
  float pen_width = 0.0f;  // the strokes' width in canvas pixels; 0 keeps the image's own pixels,
                           // each a scale x scale square (an enlargement without smoothing)
};

/// The ranges random_draw_style draws from, uniformly.
inline constexpr float kDrawnMinScale = 4.0f;        // an 80 px digit on the 280 px pad...
inline constexpr float kDrawnMaxScale = 12.0f;       // ...to a 240 px one
inline constexpr float kDrawnMaxRotation = 0.1745f;  // 10 degrees either way
inline constexpr float kDrawnMinPen = 0.75f;         // the pad's pen width times 0.75 to 1.25
inline constexpr float kDrawnMaxPen = 1.25f;

/// A person's way of drawing: a size, a slight rotation, anywhere on the pad the whole digit fits,
/// and the pad's pen (give or take a quarter).
DrawStyle random_draw_style(nn::Random& random);

/// Draws 28 x 28 images onto a pad-sized canvas the way a person with the pad's pen would: the
/// digit's strokes are thinned to their centre lines (data::StrokeField), which a round pen
/// pen_width wide then traces (anti-aliased), scaled, rotated about the image's centre and placed
/// where the style says (a digit larger than the pad is centred on it). Keeps its buffers between
/// calls.
class DigitDrawer {
 public:
  /// Writes kPadSide x kPadSide ink bytes (0 paper .. 255 ink) into `canvas` (resized).
  void draw(const uint8_t* image, const DrawStyle& style, std::vector<uint8_t>& canvas);

 private:
  // The image resampled kSupersample times finer: the digit's shape for the distance field.
  std::vector<float> fine_;
  StrokeField field_;
};

/// The width of a 28 x 28 image's strokes, in its pixels, measured as preprocess_drawing measures
/// a drawing's (data::StrokeField on the image 4x finer, resampled bilinearly). 0 without ink.
float digit_stroke_width(const uint8_t* image);

/// The digits drawn on the pad, each in its own random style (random_draw_style, from `seed`), and
/// read back through preprocess_drawing exactly as the page reads a drawing: the 28 x 28 images a
/// network sees of them, with their labels. The same seed gives the same images. The images must
/// be 28 x 28. A drawing that preprocesses to nothing stays a blank image. `strokes` is passed to
/// preprocess_drawing.
Dataset redraw_on_pad(const DatasetView& digits, uint32_t seed, Strokes strokes = Strokes::Match);

/// The same with one style for every digit.
Dataset redraw_on_pad(const DatasetView& digits,
                      const DrawStyle& style,
                      Strokes strokes = Strokes::Match);

}  // namespace data
