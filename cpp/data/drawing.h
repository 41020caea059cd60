#pragma once

#include <array>
#include <cstdint>

namespace data {

inline constexpr int kDigitSide = 28;         // MNIST images are 28 x 28
inline constexpr int kDigitBoxSide = 20;      // ...with the digit scaled into a 20 x 20 box
inline constexpr uint8_t kInkThreshold = 16;  // fainter pixels are anti-aliasing, not ink

/// The stroke widths a drawing keeps, in pixels of the 28 x 28 image: the 10th and 90th
/// percentiles of MNIST's own (bench/experiments/stroke_widths.cpp). A pen of fixed width draws
/// a small digit with strokes far thicker than MNIST's (5 px for an 80 px digit on the pad) and a
/// large one thinner; those are brought to the nearer end of this range.
inline constexpr float kMinStrokeWidth = 1.8f;
inline constexpr float kMaxStrokeWidth = 3.5f;

/// A drawing as the canvas holds it: ink intensity 0 (paper) to 255 (full ink), row-major.
/// `stride` is the distance in bytes between neighbouring pixels, so an RGBA canvas can be read
/// in place (stride 4, data pointing at the alpha byte).
struct InkImage {
  const uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  int stride = 1;
};

struct PreparedDigit {
  bool empty = true;  // no ink, or too little to survive the scaling: nothing to classify
  std::array<uint8_t, kDigitSide * kDigitSide> pixels{};
};

/// Whether preprocessing matches a drawing's strokes to MNIST's (the default) or keeps them.
enum class Strokes { Match, Keep };

/// Turns a drawing into an MNIST-style 28 x 28 image, the way MNIST itself was made: the ink's
/// bounding box is scaled (area-averaged, one scale for both axes) so its longer side is 20 px,
/// then placed so its centre of mass sits at the centre of the 28 x 28 field. On the way, strokes
/// thicker or thinner than MNIST's are redrawn at the nearer end of its range (kMinStrokeWidth
/// to kMaxStrokeWidth), so the ink looks like MNIST's whatever size the digit was drawn at.
/// Throws std::invalid_argument for sizes outside 1..4096 or a stride outside 1..4.
PreparedDigit preprocess_drawing(const InkImage& drawing, Strokes strokes = Strokes::Match);

}  // namespace data
