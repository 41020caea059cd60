#pragma once

#include <cstdint>
#include <vector>

namespace data {

/// Exact Euclidean distance transforms (Felzenszwalb & Huttenlocher 2012: two passes of a 1-D
/// lower envelope of parabolas, linear in the number of pixels), for measuring and changing the
/// width of a stroke. Holds its scratch buffers, so repeated calls allocate nothing once they
/// have seen the largest image.
class StrokeField {
 public:
  /// The signed distance, in pixels, from each pixel's centre to the edge of the ink: positive
  /// inside the ink (pixels at or above `threshold`), negative outside. The edge lies half-way
  /// between an ink pixel and its paper neighbour, so a pixel next to the edge is +-0.5.
  /// `image` is width x height, row-major; the result has the same layout.
  /// Without ink, every value is -(width + height), "far outside".
  const std::vector<float>& signed_distance(const float* image,
                                            int width,
                                            int height,
                                            float threshold);

  /// The first half of that: measures the image's stroke width (below) from the distances inside
  /// the ink alone, half the work; signed_distance() then completes the field for the same image.
  float measure(const float* image, int width, int height, float threshold);
  const std::vector<float>& signed_distance();

  /// The width of the strokes last measured: four times the mean distance of the
  /// ink pixels from the edge. A band n pixels wide has mean n / 4 (its distances run 0.5, 1.5,
  /// ... up the middle and back down), so this is its width; curves, ends and crossings bend it
  /// little. 0 without ink.
  float stroke_width() const { return stroke_width_; }

  /// The distance, in pixels, from each pixel's centre to the nearest pixel of the ink's skeleton
  /// (pixels at or above `threshold`, thinned to lines one pixel wide by Zhang & Suen's 1984
  /// algorithm, which keeps their connections): the shape a pen of any width draws along the same
  /// lines is the pixels within half its width. Without ink, every value is width + height.
  const std::vector<float>& distance_to_skeleton(const float* image,
                                                 int width,
                                                 int height,
                                                 float threshold);

 private:
  // In place: field holds 0 at the pixels distances are measured to and kFar elsewhere; becomes
  // the squared distance of each pixel to the nearest of them.
  void squared_distances(std::vector<float>& field, int width, int height);
  void transform_line(float* values, int count, int step);
  void thin(int width, int height);  // mask_ to its skeleton

  std::vector<float> to_paper_;  // squared distance of each pixel to the nearest paper pixel
  std::vector<float> to_ink_;    // ... to the nearest ink pixel
  std::vector<float> signed_;
  std::vector<float> to_skeleton_;
  std::vector<uint8_t> mask_;    // (width + 2) x (height + 2): ink 1, with a border of paper
  std::vector<int> candidates_;  // ink pixels of the mask not yet known to be skeleton
  std::vector<int> deletions_;
  std::vector<float> line_;  // 1-D scratch: a copy of the line, parabola positions, boundaries
  std::vector<int> vertices_;
  std::vector<float> bounds_;
  float stroke_width_ = 0.0f;
  int width_ = 0, height_ = 0;  // of the image last measured
  bool inked_ = false;
};

/// Changes the width of the strokes described by a signed distance field (see StrokeField) by
/// `change` pixels (half on each side; negative thins), and writes the ink, anti-aliased over
/// one pixel, as 0..255: ink = clamp(distance + change / 2 + 0.5, 0, 1) * 255.
void ink_from_distance(const std::vector<float>& signed_distance, float change, float* ink);

}  // namespace data
