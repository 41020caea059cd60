#include "data/augment.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "data/row_span.h"

namespace data {
namespace {

constexpr int kElasticFields = 32;  // in the bank
constexpr int kBorder = 2;          // paper around the source: bilinear reads stay inside
// Mixing two bank fields with weights uniform in [-a, a] keeps one field's variance when
// a^2 / 3 = 1 / 2.
constexpr float kMixWeight = 1.2247449f;

// Simard's field: uniform noise in [-1, 1] per pixel, smoothed by a Gaussian of kElasticSigma
// (separable, paper beyond the edge), scaled by kElasticAlpha.
void make_elastic_field(nn::Random& random, int side, float* field, std::vector<float>& scratch) {
  const int radius = static_cast<int>(std::ceil(3.0f * kElasticSigma));
  std::vector<float> kernel(static_cast<size_t>(2 * radius + 1));
  float total = 0.0f;
  for (int k = -radius; k <= radius; ++k) {
    kernel[k + radius] = std::exp(-0.5f * k * k / (kElasticSigma * kElasticSigma));
    total += kernel[k + radius];
  }
  for (float& w : kernel)
    w /= total;
  const size_t pixels = static_cast<size_t>(side) * side;
  scratch.resize(2 * pixels);
  float* noise = scratch.data();
  float* rows = scratch.data() + pixels;
  for (size_t i = 0; i < pixels; ++i)
    noise[i] = random.uniform(-1.0f, 1.0f);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      float sum = 0.0f;
      for (int k = std::max(-radius, -x); k <= std::min(radius, side - 1 - x); ++k)
        sum += kernel[k + radius] * noise[y * side + x + k];
      rows[y * side + x] = sum;
    }
  }
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      float sum = 0.0f;
      for (int k = std::max(-radius, -y); k <= std::min(radius, side - 1 - y); ++k)
        sum += kernel[k + radius] * rows[(y + k) * side + x];
      field[y * side + x] = kElasticAlpha * sum;
    }
  }
}

}  // namespace

Augmentation parse_augmentation(std::string_view names) {
  if (names == "none")
    return {};
  if (names == "all")
    return {true, true, true};
  Augmentation result;
  size_t start = 0;
  while (start <= names.size()) {
    const size_t end = std::min(names.find(',', start), names.size());
    const std::string_view name = names.substr(start, end - start);
    if (name == "affine") {
      result.affine = true;
    } else if (name == "elastic") {
      result.elastic = true;
    } else if (name == "thickness") {
      result.thickness = true;
    } else {
      throw std::invalid_argument(
          "unknown augmentation '" + std::string(name) +
          "': expected none, all, or affine, elastic and thickness separated by commas");
    }
    start = end + 1;
  }
  return result;
}

std::string augmentation_name(const Augmentation& a) {
  if (!a.any())
    return "none";
  if (a.affine && a.elastic && a.thickness)
    return "all";
  std::string name;
  for (const auto& [on, kind] :
       {std::pair{a.affine, "affine"}, {a.elastic, "elastic"}, {a.thickness, "thickness"}}) {
    if (on)
      name += (name.empty() ? "" : ",") + std::string(kind);
  }
  return name;
}

Augmenter::Augmenter(const Augmentation& kinds, int side, uint64_t seed)
    : kinds_(kinds),
      side_(side),
      random_(seed),
      field_x_(static_cast<size_t>(side) * side),
      field_y_(static_cast<size_t>(side) * side),
      source_(static_cast<size_t>(side + 2 * kBorder) * (side + 2 * kBorder), 0.0f),
      thick_(static_cast<size_t>(side) * side) {
  if (side < 1)
    throw std::invalid_argument("images to distort need at least one pixel");
  if (kinds_.elastic) {
    const size_t pixels = static_cast<size_t>(side) * side;
    bank_.resize(kElasticFields * 2 * pixels);
    std::vector<float> scratch;
    for (int f = 0; f < 2 * kElasticFields; ++f)
      make_elastic_field(random_, side, bank_.data() + f * pixels, scratch);
  }
}

Distortion Augmenter::draw_distortion() {
  Distortion d;
  if (kinds_.affine) {
    d.shift_x = random_.uniform(-kMaxShift, kMaxShift);
    d.shift_y = random_.uniform(-kMaxShift, kMaxShift);
    d.rotation = random_.uniform(-kMaxRotation, kMaxRotation);
    d.scale_x = 1.0f + random_.uniform(-kMaxScaleChange, kMaxScaleChange);
    d.scale_y = 1.0f + random_.uniform(-kMaxScaleChange, kMaxScaleChange);
    d.shear = random_.uniform(-kMaxShear, kMaxShear);
  }
  if (kinds_.elastic) {
    const size_t pixels = static_cast<size_t>(side_) * side_;
    const float* a = bank_.data() + random_.below(kElasticFields) * 2 * pixels;
    const float* b = bank_.data() + random_.below(kElasticFields) * 2 * pixels;
    const float wa = random_.uniform(-kMixWeight, kMixWeight);
    const float wb = random_.uniform(-kMixWeight, kMixWeight);
    for (size_t i = 0; i < pixels; ++i) {
      field_x_[i] = wa * a[i] + wb * b[i];
      field_y_[i] = wa * a[pixels + i] + wb * b[pixels + i];
    }
    d.field_x = field_x_.data();
    d.field_y = field_y_.data();
  }
  if (kinds_.thickness)
    d.thickness = random_.uniform(-kMaxThin, kMaxThicken);
  return d;
}

void Augmenter::augment(const uint8_t* image, uint8_t* out) {
  distort(image, draw_distortion(), out);
}

void Augmenter::distort(const uint8_t* image, const Distortion& d, uint8_t* out) {
  const int side = side_, stride = side + 2 * kBorder;
  // The source inside its border of paper (zeroed once, at construction), and its inked box.
  float* origin = source_.data() + kBorder * stride + kBorder;
  int left = side, right = -1, top = side, bottom = -1;
  for (int y = 0; y < side; ++y) {
    const uint8_t* row = image + y * side;
    int first = side, last = -1;
    for (int x = 0; x < side; ++x) {
      origin[y * stride + x] = row[x];
      if (row[x] != 0) {
        first = std::min(first, x);
        last = x;
      }
    }
    if (last >= 0) {
      left = std::min(left, first);
      right = std::max(right, last);
      top = std::min(top, y);
      bottom = y;
    }
  }
  std::fill(out, out + side * side, uint8_t{0});
  if (right < 0)
    return;  // blank stays blank

  // Thicker or thinner strokes: a blend toward the maximum (or minimum) of each pixel and its
  // four neighbours, i.e. toward a dilation (erosion) by one pixel.
  if (d.thickness != 0.0f) {
    const float amount = std::fabs(d.thickness);
    float* blended = thick_.data();
    for (int y = 0; y < side; ++y) {
      const float* row = origin + y * stride;
      for (int x = 0; x < side; ++x) {
        const float* p = row + x;
        const float a = std::max(p[-1], p[1]), b = std::max(p[-stride], p[stride]);
        const float c = std::min(p[-1], p[1]), e = std::min(p[-stride], p[stride]);
        const float extreme =
            d.thickness > 0.0f ? std::max(p[0], std::max(a, b)) : std::min(p[0], std::min(c, e));
        blended[y * side + x] = p[0] + amount * (extreme - p[0]);
      }
    }
    for (int y = 0; y < side; ++y)
      std::copy(blended + y * side, blended + (y + 1) * side, origin + y * stride);
    if (d.thickness > 0.0f) {  // the ink spreads a pixel
      left = std::max(0, left - 1);
      top = std::max(0, top - 1);
      right = std::min(side - 1, right + 1);
      bottom = std::min(side - 1, bottom + 1);
    }
  }

  // Output pixel p reads the source at c + B (p - c) + shift + field(p), with c the centre and
  // B = rotation x shear x scale: the identity distortion reads every pixel where it was.
  const float c = 0.5f * (side - 1);
  const float cos_r = std::cos(d.rotation), sin_r = std::sin(d.rotation);
  const float b00 = cos_r * d.scale_x, b01 = cos_r * d.shear * d.scale_y - sin_r * d.scale_y;
  const float b10 = sin_r * d.scale_x, b11 = sin_r * d.shear * d.scale_y + cos_r * d.scale_y;
  const float low = -float(kBorder), high = side + kBorder - 1.001f;  // beyond: paper
  // Locals, not members of `d`: every byte stored to `out` may alias them otherwise.
  const float* field_x = d.field_x;
  const float* field_y = d.field_y;
  const float shift_x = d.shift_x, shift_y = d.shift_y;
  // Samples closer than a pixel to the inked box (plus the field's reach) may read ink.
  float reach = 1.0f;
  if (field_x != nullptr) {
    for (int i = 0; i < side * side; ++i)
      reach = std::max(reach, 1.0f + std::max(std::fabs(field_x[i]), std::fabs(field_y[i])));
  }
  for (int y = 0; y < side; ++y) {
    const float py = y - c;
    const float row_x = c + b01 * py + shift_x, row_y = c + b11 * py + shift_y;
    float first = -c, last = c;  // x - c across the row
    keep_within(b00, row_x, left - reach, right + reach, first, last);
    keep_within(b10, row_y, top - reach, bottom + reach, first, last);
    const int x_begin = std::max(0, static_cast<int>(std::ceil(first + c)));
    const int x_end = std::min(side, static_cast<int>(std::floor(last + c)) + 1);
    for (int x = x_begin; x < x_end; ++x) {
      const int i = y * side + x;
      const float px = x - c;
      float sx = row_x + b00 * px, sy = row_y + b10 * px;
      if (field_x != nullptr) {
        sx += field_x[i];
        sy += field_y[i];
      }
      sx = std::min(std::max(sx, low), high);
      sy = std::min(std::max(sy, low), high);
      const int x0 = static_cast<int>(sx + kBorder) - kBorder;  // floor: sx + kBorder >= 0
      const int y0 = static_cast<int>(sy + kBorder) - kBorder;
      const float tx = sx - x0, ty = sy - y0;
      const float* s = origin + y0 * stride + x0;
      const float top_value = s[0] + tx * (s[1] - s[0]);
      const float bottom_value = s[stride] + tx * (s[stride + 1] - s[stride]);
      const float value = top_value + ty * (bottom_value - top_value);
      out[i] = static_cast<uint8_t>(std::min(std::max(value, 0.0f), 255.0f) + 0.5f);
    }
  }
}

BatchAugmenter::BatchAugmenter(const Augmentation& kinds, int pixels, int capacity, uint64_t seed)
    : last_indices_(static_cast<size_t>(capacity)) {
  if (!kinds.any())
    return;
  const int side = static_cast<int>(std::lround(std::sqrt(double(pixels))));
  if (side * side != pixels) {
    throw std::invalid_argument("augmentation needs square images, not " + std::to_string(pixels) +
                                " pixels");
  }
  augmenter_.emplace(kinds, side, seed);
  images_.resize(static_cast<size_t>(capacity) * pixels);
  labels_.resize(static_cast<size_t>(capacity));
  positions_.resize(static_cast<size_t>(capacity));
  for (int i = 0; i < capacity; ++i)
    positions_[static_cast<size_t>(i)] = static_cast<uint32_t>(i);
}

BatchSource BatchAugmenter::prepare(const DatasetView& data, const uint32_t* indices, int n) {
  last_count_ = n;
  last_data_ = data;
  if (!augmenter_) {
    std::copy(indices, indices + n, last_indices_.begin());
    return {data, indices};
  }
  for (int i = 0; i < n; ++i) {
    const auto sample = static_cast<int>(indices[i]);
    uint8_t* out = images_.data() + static_cast<size_t>(i) * data.pixels;
    if (indices[i] < distort_below_)
      augmenter_->augment(data.image(sample), out);
    else
      std::copy(data.image(sample), data.image(sample) + data.pixels, out);
    labels_[static_cast<size_t>(i)] = data.label(sample);
  }
  const DatasetView distorted{images_.data(), labels_.data(), n, data.pixels, data.classes};
  return {distorted, positions_.data()};
}

const uint8_t* BatchAugmenter::last_image(int i) const {
  if (augmenter_)
    return images_.data() + static_cast<size_t>(i) * last_data_.pixels;
  return last_data_.image(static_cast<int>(last_indices_[static_cast<size_t>(i)]));
}

uint8_t BatchAugmenter::last_label(int i) const {
  if (augmenter_)
    return labels_[static_cast<size_t>(i)];
  return last_data_.label(static_cast<int>(last_indices_[static_cast<size_t>(i)]));
}

}  // namespace data
