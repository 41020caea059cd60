#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "data/stroke.h"

using Catch::Matchers::WithinAbs;

namespace {

// A canvas of paper with a vertical band of full ink, `width` pixels wide from column `left`.
std::vector<float> band(int canvas_width, int canvas_height, int left, int width) {
  std::vector<float> image(static_cast<size_t>(canvas_width) * canvas_height, 0.0f);
  for (int y = 0; y < canvas_height; ++y) {
    for (int x = left; x < left + width; ++x)
      image[static_cast<size_t>(y) * canvas_width + x] = 255.0f;
  }
  return image;
}

}  // namespace

TEST_CASE("the signed distance is +-0.5 beside the edge and grows a pixel per pixel", "[stroke]") {
  const std::vector<float> image = band(20, 5, 6, 6);  // ink in columns 6..11
  data::StrokeField field;
  const std::vector<float>& d = field.signed_distance(image.data(), 20, 5, 127.5f);
  const float* row = d.data() + 2 * 20;
  CHECK_THAT(row[5], WithinAbs(-0.5, 1e-6));
  CHECK_THAT(row[6], WithinAbs(0.5, 1e-6));
  CHECK_THAT(row[8], WithinAbs(2.5, 1e-6));
  CHECK_THAT(row[11], WithinAbs(0.5, 1e-6));
  CHECK_THAT(row[12], WithinAbs(-0.5, 1e-6));
  CHECK_THAT(row[0], WithinAbs(-5.5, 1e-6));
  CHECK_THAT(row[19], WithinAbs(-7.5, 1e-6));
}

TEST_CASE("the stroke width of a band is its width", "[stroke]") {
  data::StrokeField field;
  for (int width : {2, 4, 8, 12}) {
    INFO("band " << width << " px wide");
    const std::vector<float> image = band(40, 200, 10, width);
    field.signed_distance(image.data(), 40, 200, 127.5f);
    CHECK_THAT(field.stroke_width(), WithinAbs(width, 0.05 * width));
  }
}

TEST_CASE("the stroke width of a ring drawn with a round pen is the pen's width", "[stroke]") {
  constexpr int kSide = 200;
  data::StrokeField field;
  for (float pen : {6.0f, 10.0f, 20.0f}) {
    INFO("pen " << pen << " px");
    std::vector<float> image(kSide * kSide);
    for (int y = 0; y < kSide; ++y) {
      for (int x = 0; x < kSide; ++x) {
        const float r = std::hypot(x + 0.5f - 100.0f, y + 0.5f - 100.0f);
        image[y * kSide + x] = std::fabs(r - 60.0f) <= 0.5f * pen ? 255.0f : 0.0f;
      }
    }
    field.signed_distance(image.data(), kSide, kSide, 127.5f);
    CHECK_THAT(field.stroke_width(), WithinAbs(pen, 0.1 * pen));
  }
}

TEST_CASE("ink at the image's border ends there: beyond it is paper", "[stroke]") {
  const std::vector<float> image(8 * 8, 255.0f);  // all ink
  data::StrokeField field;
  const std::vector<float>& d = field.signed_distance(image.data(), 8, 8, 127.5f);
  CHECK_THAT(d[0], WithinAbs(0.5, 1e-6));
  CHECK_THAT(d[3 * 8 + 3], WithinAbs(3.5, 1e-6));
}

TEST_CASE("an image without ink is far outside everywhere and has no stroke width", "[stroke]") {
  const std::vector<float> image(6 * 4, 100.0f);  // below the threshold
  data::StrokeField field;
  for (float d : field.signed_distance(image.data(), 6, 4, 127.5f))
    CHECK(d == -10.0f);
  CHECK(field.stroke_width() == 0.0f);
}

TEST_CASE("ink from a distance field widens or thins a stroke by the change asked", "[stroke]") {
  const std::vector<float> image = band(30, 21, 10, 6);  // columns 10..15
  data::StrokeField field;
  const std::vector<float>& d = field.signed_distance(image.data(), 30, 21, 127.5f);
  std::vector<float> ink(d.size());
  auto inked_width = [&](float change) {
    data::ink_from_distance(d, change, ink.data());
    double sum = 0.0;
    for (int x = 0; x < 30; ++x)
      sum += ink[10 * 30 + x] / 255.0;
    return sum;
  };
  CHECK_THAT(inked_width(0.0f), WithinAbs(6.0, 1e-6));
  CHECK_THAT(inked_width(4.0f), WithinAbs(10.0, 1e-6));
  CHECK_THAT(inked_width(-3.0f), WithinAbs(3.0, 1e-6));
  CHECK_THAT(inked_width(1.0f), WithinAbs(7.0, 1e-6));  // half a pixel more ink on each side
  data::ink_from_distance(d, 1.0f, ink.data());
  CHECK_THAT(ink[10 * 30 + 9], WithinAbs(127.5, 1e-4));
}

TEST_CASE("the skeleton of a band is its centre line", "[stroke]") {
  const std::vector<float> image = band(31, 60, 10, 7);  // columns 10..16, centre 13
  data::StrokeField field;
  const std::vector<float>& d = field.distance_to_skeleton(image.data(), 31, 60, 127.5f);
  const float* row = d.data() + 30 * 31;  // far from the band's ends
  CHECK(row[13] == 0.0f);
  CHECK(row[10] == 3.0f);
  CHECK(row[16] == 3.0f);
  CHECK(row[0] == 13.0f);
}

TEST_CASE("the skeleton of a ring is a closed circle along its middle", "[stroke]") {
  constexpr int kSide = 120;
  std::vector<float> image(kSide * kSide);
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      const float r = std::hypot(x + 0.5f - 60.0f, y + 0.5f - 60.0f);
      image[y * kSide + x] = std::fabs(r - 40.0f) <= 5.0f ? 255.0f : 0.0f;
    }
  }
  data::StrokeField field;
  const std::vector<float>& d = field.distance_to_skeleton(image.data(), kSide, kSide, 127.5f);
  // Every point of the middle circle is within a pixel of the skeleton, and the hole stays open.
  for (int degrees = 0; degrees < 360; degrees += 5) {
    const double a = degrees * 3.14159265 / 180.0;
    const int x = static_cast<int>(60.0 + 40.0 * std::cos(a)),
              y = static_cast<int>(60.0 + 40.0 * std::sin(a));
    INFO("at " << degrees << " degrees");
    CHECK(d[y * kSide + x] <= 1.5f);
  }
  CHECK_THAT(d[60 * kSide + 60], WithinAbs(40.0, 1.5));
}

TEST_CASE("an image without ink has no skeleton: every pixel is far from it", "[stroke]") {
  const std::vector<float> image(5 * 4, 0.0f);
  data::StrokeField field;
  for (float d : field.distance_to_skeleton(image.data(), 5, 4, 127.5f))
    CHECK(d == 9.0f);
}
