#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace test_support {

/// A drawing canvas: ink 0 (paper) to 255, row-major, one byte per pixel.
struct Canvas {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> ink;
};

/// A 28 x 28 MNIST image scaled up `factor` times (each pixel a factor x factor square) and
/// placed with its top-left corner at (left, top) on an empty canvas.
Canvas upscaled_digit(const uint8_t* image, int factor, int width, int height, int left, int top);

/// A stroke through `points` (in units of `scale` pixels, offset by (left, top) pixels) with the
/// given radius in the same units, anti-aliased by 4 x 4 supersampling: the same shape drawn
/// at any scale, as a person drawing bigger or smaller would.
Canvas stroke(const std::vector<std::pair<double, double>>& points,
              double radius,
              double scale,
              int width,
              int height,
              int left,
              int top);

/// A digit-like "2": a curve, a diagonal and a base, about 1 x 1.1 units.
std::vector<std::pair<double, double>> two_shaped_stroke();

/// Statistics of a 28 x 28 image: the bounding box of its non-zero pixels and its centre of mass
/// in pixel indices (the centre of pixel (x, y) is (x, y)).
struct DigitStats {
  int left = 28, right = -1, top = 28, bottom = -1;
  double mass = 0.0;
  double centre_x = 0.0, centre_y = 0.0;
  int box_width() const { return right - left + 1; }
  int box_height() const { return bottom - top + 1; }
};
DigitStats digit_stats(const uint8_t* image);

}  // namespace test_support
