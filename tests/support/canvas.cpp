#include "support/canvas.h"

#include <algorithm>
#include <cmath>

namespace test_support {
namespace {

double distance_to_segment(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double cx = ax + t * dx - px, cy = ay + t * dy - py;
  return std::sqrt(cx * cx + cy * cy);
}

}  // namespace

Canvas upscaled_digit(const uint8_t* image, int factor, int width, int height, int left, int top) {
  Canvas canvas{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height, 0)};
  for (int y = 0; y < 28 * factor; ++y) {
    for (int x = 0; x < 28 * factor; ++x) {
      canvas.ink[static_cast<size_t>(top + y) * width + left + x] =
          image[(y / factor) * 28 + x / factor];
    }
  }
  return canvas;
}

Canvas stroke(const std::vector<std::pair<double, double>>& points,
              double radius,
              double scale,
              int width,
              int height,
              int left,
              int top) {
  Canvas canvas{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height, 0)};
  constexpr int kSamples = 4;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      int covered = 0;
      for (int sy = 0; sy < kSamples; ++sy) {
        for (int sx = 0; sx < kSamples; ++sx) {
          const double ux = (x - left + (sx + 0.5) / kSamples) / scale;
          const double uy = (y - top + (sy + 0.5) / kSamples) / scale;
          for (size_t i = 0; i + 1 < points.size(); ++i) {
            if (distance_to_segment(ux, uy, points[i].first, points[i].second, points[i + 1].first,
                                    points[i + 1].second) <= radius) {
              ++covered;
              break;
            }
          }
        }
      }
      canvas.ink[static_cast<size_t>(y) * width + x] =
          static_cast<uint8_t>(std::lround(255.0 * covered / (kSamples * kSamples)));
    }
  }
  return canvas;
}

std::vector<std::pair<double, double>> two_shaped_stroke() {
  return {{0.15, 0.3}, {0.3, 0.1},   {0.55, 0.05}, {0.8, 0.2}, {0.8, 0.45},
          {0.5, 0.75}, {0.15, 1.05}, {0.5, 1.0},   {0.8, 1.05}};
}

DigitStats digit_stats(const uint8_t* image) {
  DigitStats s;
  for (int y = 0; y < 28; ++y) {
    for (int x = 0; x < 28; ++x) {
      const double v = image[y * 28 + x];
      if (v == 0)
        continue;
      s.left = std::min(s.left, x);
      s.right = std::max(s.right, x);
      s.top = std::min(s.top, y);
      s.bottom = std::max(s.bottom, y);
      s.mass += v;
      s.centre_x += v * x;
      s.centre_y += v * y;
    }
  }
  if (s.mass > 0) {
    s.centre_x /= s.mass;
    s.centre_y /= s.mass;
  }
  return s;
}

}  // namespace test_support
