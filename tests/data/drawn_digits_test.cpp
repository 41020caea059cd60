#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/drawing.h"
#include "data/drawn_digits.h"
#include "data/stroke.h"
#include "support/mnist_fixture.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

data::DatasetView first_test_digits(int count) {
  return data::view(test_support::mnist_test_file(), 0, count);
}

double mean_absolute_difference(const uint8_t* a, const uint8_t* b, size_t count) {
  double sum = 0.0;
  for (size_t i = 0; i < count; ++i)
    sum += std::abs(double(a[i]) - double(b[i]));
  return sum / double(count);
}

// The stroke width on a canvas, in canvas pixels.
float canvas_stroke_width(const std::vector<uint8_t>& canvas) {
  const std::vector<float> ink(canvas.begin(), canvas.end());
  data::StrokeField field;
  field.signed_distance(ink.data(), data::kPadSide, data::kPadSide, 127.5f);
  return field.stroke_width();
}

}  // namespace

TEST_CASE("the same seed draws the same digits on the pad, another seed others", "[drawn]") {
  const data::DatasetView digits = first_test_digits(40);
  const data::Dataset a = data::redraw_on_pad(digits, 7);
  const data::Dataset b = data::redraw_on_pad(digits, 7);
  const data::Dataset c = data::redraw_on_pad(digits, 8);
  REQUIRE(a.count() == 40);
  CHECK(a.rows == 28);
  CHECK(a.cols == 28);
  CHECK(a.images == b.images);
  CHECK(a.images != c.images);
  CHECK(std::equal(a.labels.begin(), a.labels.end(), digits.labels));
}

TEST_CASE("random styles keep the whole digit on the pad, at sizes people draw", "[drawn]") {
  nn::Random random(3);
  data::DigitDrawer drawer;
  std::vector<uint8_t> canvas;
  const data::DatasetView digits = first_test_digits(100);
  for (int i = 0; i < digits.count; ++i) {
    INFO("test digit " << i);
    const data::DrawStyle style = data::random_draw_style(random);
    CHECK(style.scale >= data::kDrawnMinScale);
    CHECK(style.scale <= data::kDrawnMaxScale);
    CHECK(std::fabs(style.rotation) <= data::kDrawnMaxRotation);
    drawer.draw(digits.image(i), style, canvas);
    REQUIRE(canvas.size() == size_t(data::kPadSide) * data::kPadSide);
    int border_ink = 0, ink = 0;
    for (int y = 0; y < data::kPadSide; ++y) {
      for (int x = 0; x < data::kPadSide; ++x) {
        const bool inked = canvas[y * data::kPadSide + x] > 0;
        ink += inked;
        border_ink +=
            inked && (x == 0 || y == 0 || x == data::kPadSide - 1 || y == data::kPadSide - 1);
      }
    }
    CHECK(border_ink == 0);
    CHECK(ink > 0);
  }
}

// Enlarged 10x without smoothing, upright and centred, a digit is the canvas an upscaled MNIST
// image is, and preprocessing that keeps the strokes gives it back. Measured on the first 100 test
// digits: all but a few identical, the rest within 0.05 grey levels on average (rounding); a
// one-pixel shift costs about 15-25.
TEST_CASE("a digit drawn 10x with its own pixels reads back as itself", "[drawn]") {
  const data::DatasetView digits = first_test_digits(100);
  const data::Dataset drawn = data::redraw_on_pad(digits, data::DrawStyle{}, data::Strokes::Keep);
  int identical = 0;
  for (int i = 0; i < digits.count; ++i) {
    INFO("test digit " << i);
    const double difference =
        mean_absolute_difference(drawn.images.data() + i * 784, digits.image(i), 784);
    CHECK(difference < 0.1);
    identical += difference == 0.0;
  }
  CHECK(identical >= 90);
}

TEST_CASE("the pen redraws the strokes at its own width, whatever the digit's size", "[drawn]") {
  data::DigitDrawer drawer;
  std::vector<uint8_t> canvas;
  const uint8_t* digit = first_test_digits(4).image(3);  // a 0: one closed stroke
  for (float scale : {4.0f, 7.0f, 11.0f}) {
    for (float pen : {12.0f, 22.4f}) {
      INFO("scale " << scale << ", pen " << pen);
      data::DrawStyle style;
      style.scale = scale;
      style.pen_width = pen;
      drawer.draw(digit, style, canvas);
      CHECK_THAT(canvas_stroke_width(canvas), WithinRel(pen, 0.15f));
    }
  }
}

TEST_CASE("a rotated drawing is the drawing turned about its centre", "[drawn]") {
  data::DigitDrawer drawer;
  std::vector<uint8_t> upright, turned;
  const uint8_t* one = first_test_digits(3).image(2);  // a 1, nearly vertical
  data::DrawStyle style;
  style.pen_width = data::kPadPenWidth;
  drawer.draw(one, style, upright);
  style.rotation = 0.1745f;  // 10 degrees clockwise
  drawer.draw(one, style, turned);
  // The ink's principal axis turns by the same angle.
  auto axis_angle = [](const std::vector<uint8_t>& canvas) {
    double m = 0, mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
    for (int y = 0; y < data::kPadSide; ++y) {
      for (int x = 0; x < data::kPadSide; ++x) {
        const double w = canvas[y * data::kPadSide + x];
        m += w;
        mx += w * x;
        my += w * y;
        mxx += w * x * x;
        myy += w * y * y;
        mxy += w * x * y;
      }
    }
    mx /= m;
    my /= m;
    const double cxx = mxx / m - mx * mx, cyy = myy / m - my * my, cxy = mxy / m - mx * my;
    return 0.5 * std::atan2(2 * cxy, cxx - cyy);
  };
  CHECK_THAT(axis_angle(turned) - axis_angle(upright), WithinAbs(0.1745, 0.02));
}

TEST_CASE("only 28 x 28 images are drawn on the pad", "[drawn]") {
  std::vector<uint8_t> images(10 * 10, 255), labels(1, 0);
  const data::DatasetView small{images.data(), labels.data(), 1, 100, 10};
  CHECK_THROWS_AS(data::redraw_on_pad(small, 1), std::invalid_argument);
}
