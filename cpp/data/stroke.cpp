#include "data/stroke.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace data {
namespace {

// Farther than any two pixels of an image can be (4096 x 4096 at most: 3.4e7 squared).
constexpr float kFar = 1e10f;
constexpr float kInfinity = std::numeric_limits<float>::infinity();

float crossing(const float* f, int p, int q) {
  return ((f[q] + float(q) * float(q)) - (f[p] + float(p) * float(p))) / (2.0f * float(q - p));
}

// Zhang & Suen's tests for deleting an ink pixel, per sub-iteration, indexed by its 8 neighbours
// as bits: P2 (north) in bit 0, then clockwise P3 ... P9 (north-west) in bit 7. A pixel goes when
// it has 2 to 6 ink neighbours, exactly one paper-to-ink step around it (so it is a simple
// boundary point and removing it splits nothing), and is on the sub-iteration's side: south-east
// boundary or north-west corner in the first, north-west boundary or south-east corner in the
// second.
struct ThinningTable {
  bool deletable[2][256];
  ThinningTable() {
    for (int code = 0; code < 256; ++code) {
      auto p = [&](int i) { return (code >> (i - 2)) & 1; };  // P2 .. P9
      int neighbours = 0, steps = 0;
      for (int i = 2; i <= 9; ++i) {
        neighbours += p(i);
        steps += p(i) == 0 && p(i == 9 ? 2 : i + 1) == 1;
      }
      const bool simple = neighbours >= 2 && neighbours <= 6 && steps == 1;
      deletable[0][code] = simple && p(2) * p(4) * p(6) == 0 && p(4) * p(6) * p(8) == 0;
      deletable[1][code] = simple && p(2) * p(4) * p(8) == 0 && p(2) * p(6) * p(8) == 0;
    }
  }
};

}  // namespace

// The lower envelope of the parabolas (q - p)^2 + f(p), evaluated at every q: the squared distance
// along one line, given the squared distances of the previous pass (or 0 / kFar).
void StrokeField::transform_line(float* values, int count, int step) {
  float* f = line_.data();
  for (int q = 0; q < count; ++q)
    f[q] = values[static_cast<size_t>(q) * step];
  int* v = vertices_.data();
  float* z = bounds_.data();
  int k = 0;
  v[0] = 0;
  z[0] = -kInfinity;
  z[1] = kInfinity;
  for (int q = 1; q < count; ++q) {
    // Where the parabola from q overtakes the one from v[k]; pop those it hides entirely.
    float s = crossing(f, v[k], q);
    while (s <= z[k]) {
      --k;
      s = crossing(f, v[k], q);
    }
    ++k;
    v[k] = q;
    z[k] = s;
    z[k + 1] = kInfinity;
  }
  k = 0;
  for (int q = 0; q < count; ++q) {
    while (z[k + 1] < float(q))
      ++k;
    const float d = float(q - v[k]);
    values[static_cast<size_t>(q) * step] = d * d + f[v[k]];
  }
}

void StrokeField::squared_distances(std::vector<float>& field, int width, int height) {
  const int longest = std::max(width, height);
  line_.resize(static_cast<size_t>(longest));
  vertices_.resize(static_cast<size_t>(longest));
  bounds_.resize(static_cast<size_t>(longest) + 1);
  for (int x = 0; x < width; ++x)
    transform_line(field.data() + x, height, width);
  for (int y = 0; y < height; ++y)
    transform_line(field.data() + static_cast<size_t>(y) * width, width, 1);
}

float StrokeField::measure(const float* image, int width, int height, float threshold) {
  const size_t pixels = static_cast<size_t>(width) * height;
  width_ = width;
  height_ = height;
  to_paper_.resize(pixels);
  to_ink_.resize(pixels);
  signed_.resize(pixels);
  size_t ink = 0;
  for (size_t i = 0; i < pixels; ++i) {
    const bool inked = image[i] >= threshold;
    to_paper_[i] = inked ? kFar : 0.0f;
    to_ink_[i] = inked ? 0.0f : kFar;  // transformed only if signed_distance() is asked for
    ink += inked;
  }
  inked_ = ink > 0;
  stroke_width_ = 0.0f;
  if (!inked_)
    return stroke_width_;
  squared_distances(to_paper_, width, height);
  double inside_sum = 0.0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const size_t i = static_cast<size_t>(y) * width + x;
      if (to_ink_[i] != 0.0f)
        continue;
      // Beyond the image is paper: a virtual paper pixel sits just outside each border.
      const float border =
          float(std::min(std::min(x, width - 1 - x), std::min(y, height - 1 - y)) + 1);
      const float inside = std::min(std::sqrt(to_paper_[i]), border) - 0.5f;
      signed_[i] = inside;
      inside_sum += inside;
    }
  }
  stroke_width_ = static_cast<float>(4.0 * inside_sum / double(ink));
  return stroke_width_;
}

const std::vector<float>& StrokeField::signed_distance() {
  if (!inked_) {
    std::fill(signed_.begin(), signed_.end(), -float(width_ + height_));
    return signed_;
  }
  squared_distances(to_ink_, width_, height_);
  for (size_t i = 0; i < signed_.size(); ++i) {
    if (to_ink_[i] != 0.0f)
      signed_[i] = 0.5f - std::sqrt(to_ink_[i]);
  }
  return signed_;
}

const std::vector<float>& StrokeField::signed_distance(const float* image,
                                                       int width,
                                                       int height,
                                                       float threshold) {
  measure(image, width, height, threshold);
  return signed_distance();
}

void StrokeField::thin(int width, int height) {
  static const ThinningTable table;
  const int stride = width + 2;
  // P2 .. P9 as offsets in the bordered mask.
  const int offsets[8] = {-stride, -stride + 1, 1, stride + 1, stride, stride - 1, -1, -stride - 1};
  candidates_.clear();
  for (int y = 1; y <= height; ++y) {
    for (int x = 1; x <= width; ++x) {
      if (mask_[static_cast<size_t>(y) * stride + x])
        candidates_.push_back(y * stride + x);
    }
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      deletions_.clear();
      for (const int i : candidates_) {
        int code = 0;
        for (int k = 0; k < 8; ++k)
          code |= mask_[static_cast<size_t>(i + offsets[k])] << k;
        if (table.deletable[pass][code])
          deletions_.push_back(i);
      }
      for (const int i : deletions_)
        mask_[static_cast<size_t>(i)] = 0;
      if (!deletions_.empty()) {
        changed = true;
        candidates_.erase(std::remove_if(candidates_.begin(), candidates_.end(),
                                         [&](int i) { return mask_[static_cast<size_t>(i)] == 0; }),
                          candidates_.end());
      }
    }
  }
}

const std::vector<float>& StrokeField::distance_to_skeleton(const float* image,
                                                            int width,
                                                            int height,
                                                            float threshold) {
  const int stride = width + 2;
  mask_.assign(static_cast<size_t>(stride) * (height + 2), 0);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      mask_[static_cast<size_t>(y + 1) * stride + x + 1] =
          image[static_cast<size_t>(y) * width + x] >= threshold;
    }
  }
  thin(width, height);
  const size_t pixels = static_cast<size_t>(width) * height;
  to_skeleton_.resize(pixels);
  if (candidates_.empty()) {
    std::fill(to_skeleton_.begin(), to_skeleton_.end(), float(width + height));
    return to_skeleton_;
  }
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      to_skeleton_[static_cast<size_t>(y) * width + x] =
          mask_[static_cast<size_t>(y + 1) * stride + x + 1] ? 0.0f : kFar;
    }
  }
  squared_distances(to_skeleton_, width, height);
  for (float& d : to_skeleton_)
    d = std::sqrt(d);
  return to_skeleton_;
}

void ink_from_distance(const std::vector<float>& signed_distance, float change, float* ink) {
  const float offset = 0.5f * change + 0.5f;
  for (size_t i = 0; i < signed_distance.size(); ++i)
    ink[i] = 255.0f * std::clamp(signed_distance[i] + offset, 0.0f, 1.0f);
}

}  // namespace data
