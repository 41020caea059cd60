#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"
#include "nn/random.h"

namespace data {

/// Which distortions training applies to its images, each drawn afresh for every sample of every
/// batch.
struct Augmentation {
  bool affine = false;     // shift, rotation, scale and shear
  bool elastic = false;    // Simard, Steinkraus & Platt 2003: a smooth random displacement field
  bool thickness = false;  // thinner or thicker strokes

  bool any() const { return affine || elastic || thickness; }
  bool operator==(const Augmentation& other) const {
    return affine == other.affine && elastic == other.elastic && thickness == other.thickness;
  }
  bool operator!=(const Augmentation& other) const { return !(*this == other); }
};

/// "none", "all", or kinds separated by commas ("affine,thickness"). Throws std::invalid_argument
/// naming the unknown part.
Augmentation parse_augmentation(std::string_view names);

/// The canonical name: "none", "all", or the kinds in the order affine, elastic, thickness.
std::string augmentation_name(const Augmentation& augmentation);

/// How far each distortion goes; every sample draws uniformly within these. The images stay
/// MNIST-like: a digit a little moved, turned, stretched, slanted, bent, thinner or bolder.
/// Chosen by the robustness measure (train/robustness.h; README, "Digits drawn by people").
inline constexpr float kMaxShift = 1.5f;         // pixels, each axis
inline constexpr float kMaxRotation = 0.2094f;   // radians (12 degrees) either way
inline constexpr float kMaxScaleChange = 0.12f;  // 0.88x to 1.12x, each axis on its own
inline constexpr float kMaxShear = 0.25f;        // horizontal slant: x moves by 0.25 y
inline constexpr float kElasticSigma = 4.0f;     // the Gaussian smoothing the field, pixels
// The field's scale. Simard et al. used 34 (29 x 29 images, sigma 4); for the mlp preset 16 read
// drawn digits better (10 epochs: 96.5% against 96.2%) and MNIST too (98.4% against 98.2%).
inline constexpr float kElasticAlpha = 16.0f;
inline constexpr float kMaxThicken = 0.5f;  // half way to a dilation by one pixel...
inline constexpr float kMaxThin = 0.3f;     // ...or 0.3 of the way to an erosion

/// One sample's distortion. The identity (the default) gives the image back unchanged.
struct Distortion {
  float shift_x = 0.0f, shift_y = 0.0f;  // pixels
  float rotation = 0.0f;                 // radians, clockwise on screen
  float scale_x = 1.0f, scale_y = 1.0f;
  float shear = 0.0f;
  const float* field_x = nullptr;  // elastic displacement per pixel (side x side), or none
  const float* field_y = nullptr;
  float thickness = 0.0f;  // -1 (eroded) .. 0 (as is) .. 1 (dilated), by a plus-shaped pixel
};

/// Distorts square images, allocation-free after construction: each output pixel reads the
/// source, its strokes first thickened or thinned, bilinearly at the point the affine map and the
/// elastic field send it to; everything turns about the image's centre.
class Augmenter {
 public:
  /// Images are side x side. The elastic fields and every later draw come from `seed`.
  Augmenter(const Augmentation& kinds, int side, uint64_t seed);

  /// Writes `image` distorted by `distortion` into `out` (side x side bytes each).
  void distort(const uint8_t* image, const Distortion& distortion, uint8_t* out);

  /// Draws a distortion of the enabled kinds and applies it.
  void augment(const uint8_t* image, uint8_t* out);

  /// The distortion augment() would draw next (it draws it: the generator moves on).
  Distortion draw_distortion();

  const Augmentation& kinds() const { return kinds_; }
  int side() const { return side_; }

 private:
  Augmentation kinds_;
  int side_;
  nn::Random random_;
  // A bank of Simard fields made once from the seed; each sample's field mixes two of them with
  // random weights (a smooth random field of the same strength, for 2 multiply-adds a pixel
  // instead of a Gaussian blur of fresh noise).
  std::vector<float> bank_;  // kElasticFields x 2 (x then y) x side x side
  std::vector<float> field_x_, field_y_;
  std::vector<float> source_;  // the image, thickened or thinned, with a border of paper
  std::vector<float> thick_;   // scratch for the thickness change
};

/// Where a training batch is gathered from: the dataset itself, or distorted copies.
struct BatchSource {
  DatasetView data;
  const uint32_t* indices;  // n samples of `data`
};

/// Distorts training batches when augmentation is on, and keeps the last batch's images as the
/// network saw them, for a look. Buffers are sized once for the largest batch.
class BatchAugmenter {
 public:
  BatchAugmenter() = default;
  /// Throws std::invalid_argument when augmentation is on and images are not square.
  BatchAugmenter(const Augmentation& kinds, int pixels, int capacity, uint64_t seed);

  /// The samples `indices` (n of them, at most the capacity) of `data`, distorted when on.
  BatchSource prepare(const DatasetView& data, const uint32_t* indices, int n);

  /// Distorts only the samples whose index is below `count`; the others reach the batch as they
  /// are (fine-tuning distorts a person's digits, not the MNIST digits mixed in with them).
  void distort_only_below(uint32_t count) { distort_below_ = count; }

  bool active() const { return augmenter_.has_value(); }
  /// The last prepared batch: its size, and its i-th image and label as the network saw them.
  int last_count() const { return last_count_; }
  const uint8_t* last_image(int i) const;
  uint8_t last_label(int i) const;

 private:
  std::optional<Augmenter> augmenter_;  // when on
  std::vector<uint8_t> images_;         // capacity x pixels: the distorted batch
  std::vector<uint8_t> labels_;
  std::vector<uint32_t> positions_;  // 0 .. capacity - 1: the distorted batch in order
  std::vector<uint32_t> last_indices_;
  DatasetView last_data_;
  int last_count_ = 0;
  uint32_t distort_below_ = UINT32_MAX;
};

}  // namespace data
