#pragma once

#include <algorithm>
#include <utility>

namespace data {

/// Narrows [first, last] to the t with low <= a t + b <= high (emptying it, last < first, when
/// there are none): where a row of pixels, mapped linearly into an image, lands inside a box.
/// Resampling loops visit only those pixels; the rest read paper.
inline void keep_within(float a, float b, float low, float high, float& first, float& last) {
  if (a == 0.0f) {
    if (b < low || b > high)
      last = first - 1.0f;
    return;
  }
  float from = (low - b) / a, to = (high - b) / a;
  if (from > to)
    std::swap(from, to);
  first = std::max(first, from);
  last = std::min(last, to);
}

}  // namespace data
