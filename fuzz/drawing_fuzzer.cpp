// Fuzzes the drawing preprocessor (data/drawing.h) with arbitrary canvas sizes and pixels.
//
// Input: byte 0 chooses the mode (bits 0-1: stride - 1; bit 2: sparse; bit 3: a size the function
// must refuse; bit 4: keep the strokes rather than match them to MNIST's), bytes 1-2 and 3-4 are the raw width and height (uint16 LE: 1 + the low 12 bits,
// shifted right by the top 4), the rest is the payload. Missing bytes read as 0.
//   tiled:  the payload is repeated over the whole buffer, pixels and the bytes between them;
//   sparse: the buffer is zero and the payload is 5-byte dots: x, y (uint16 LE, wrapped), value.
// The buffer holds exactly (width * height - 1) * stride + 1 bytes: what an RGBA canvas leaves
// after the pointer moves to its first alpha byte, so ASan flags any read past the last pixel.
#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "data/drawing.h"
#include "fuzz_check.h"

namespace {

constexpr int kMaxCanvasSide = 4096;                // the documented limit of preprocess_drawing
constexpr size_t kMaxFuzzPixels = size_t(1) << 17;  // keeps runs fast; 280 x 280 and 4096 x 32 fit

struct Input {
  const uint8_t* data;
  size_t size;
  uint8_t byte(size_t i) const { return i < size ? data[i] : 0; }
  uint16_t u16(size_t i) const { return static_cast<uint16_t>(byte(i) | byte(i + 1) << 8); }
};

// 1..4096: the low 12 bits, shifted right by the top 4, so small canvases are as common as large.
int canvas_side(uint16_t raw) {
  return 1 + ((raw & 0x0FFF) >> (raw >> 12));
}

// Sizes outside 1..4096, strides outside 1..4 and a null pointer: each must throw
// std::invalid_argument before a byte is read.
void check_refusal(const Input& in) {
  const uint16_t kind = in.u16(1), amount = in.u16(3);
  uint8_t pixel = 255;
  data::InkImage drawing{&pixel, 1, 1, 1};
  switch (kind % 6) {
    case 0:
      drawing.width = -static_cast<int>(amount) * 32768;
      break;  // 0 down to about INT_MIN
    case 1:
      drawing.width = kMaxCanvasSide + 1 + amount * 32767;
      break;  // up to about INT_MAX
    case 2:
      drawing.height = -static_cast<int>(amount) * 32768;
      break;
    case 3:
      drawing.height = kMaxCanvasSide + 1 + amount * 32767;
      break;
    case 4:
      drawing.stride = amount & 1 ? 5 + amount / 2 : -static_cast<int>(amount / 2);
      break;
    default:
      drawing.data = nullptr;
      break;
  }
  try {
    data::preprocess_drawing(drawing);
  } catch (const std::invalid_argument&) {
    return;
  }
  __builtin_trap();  // accepted a drawing it must refuse
}

struct Box {
  int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;  // right < 0: nothing inside
  bool none() const { return right < 0; }
  int width() const { return none() ? 0 : right - left + 1; }
  int height() const { return none() ? 0 : bottom - top + 1; }
  void add(int x, int y) {
    left = std::min(left, x);
    right = std::max(right, x);
    top = std::min(top, y);
    bottom = std::max(bottom, y);
  }
};

// The checking loops below are not instrumented: they are not the code under test, and tracing
// every comparison of a scan over 100,000 pixels would triple the time of a run.

FUZZ_NOT_INSTRUMENTED void fill_canvas(uint8_t* buffer,
                                       size_t length,
                                       int width,
                                       int height,
                                       int stride,
                                       bool sparse,
                                       const uint8_t* payload,
                                       size_t payload_size) {
  if (sparse) {
    for (size_t i = 0; i + 5 <= payload_size; i += 5) {
      const Input dot{payload + i, 5};
      const size_t x = dot.u16(0) % width, y = dot.u16(2) % height;
      buffer[(y * width + x) * stride] = dot.byte(4);
    }
    return;
  }
  if (payload_size == 0)
    return;
  // Repeat the payload: copy it once, then keep doubling the filled prefix (a whole number of
  // periods, so the pattern carries on).
  size_t filled = std::min(payload_size, length);
  std::memcpy(buffer, payload, filled);
  while (filled < length) {
    const size_t n = std::min(filled, length - filled);
    std::memcpy(buffer + filled, buffer, n);
    filled += n;
  }
}

// The pixels at or above the ink threshold, as preprocess_drawing defines ink.
FUZZ_NOT_INSTRUMENTED Box ink_box(const uint8_t* buffer, int width, int height, int stride) {
  Box box;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (buffer[(static_cast<size_t>(y) * width + x) * stride] >= data::kInkThreshold) {
        box.add(x, y);
      }
    }
  }
  return box;
}

FUZZ_NOT_INSTRUMENTED Box nonzero_box(const data::PreparedDigit& digit) {
  Box box;
  for (int y = 0; y < data::kDigitSide; ++y) {
    for (int x = 0; x < data::kDigitSide; ++x) {
      if (digit.pixels[static_cast<size_t>(y) * data::kDigitSide + x] != 0)
        box.add(x, y);
    }
  }
  return box;
}

void check_drawing(const Input& in) {
  const int stride = 1 + (in.byte(0) & 3);
  const bool sparse = in.byte(0) & 4;
  const int width = canvas_side(in.u16(1));
  int height = canvas_side(in.u16(3));
  if (static_cast<size_t>(width) * height > kMaxFuzzPixels) {
    height = static_cast<int>(kMaxFuzzPixels / width);
  }
  const size_t length = (static_cast<size_t>(width) * height - 1) * stride + 1;
  const size_t header = std::min<size_t>(in.size, 5);
  std::unique_ptr<uint8_t[]> buffer(new uint8_t[length]());
  fill_canvas(buffer.get(), length, width, height, stride, sparse, in.data + header,
              in.size - header);
  const Box ink = ink_box(buffer.get(), width, height, stride);

  const data::Strokes strokes = in.byte(0) & 16 ? data::Strokes::Keep : data::Strokes::Match;
  const data::PreparedDigit digit =
      data::preprocess_drawing({buffer.get(), width, height, stride}, strokes);
  static_assert(sizeof digit.pixels == data::kDigitSide * data::kDigitSide);
  const Box result = nonzero_box(digit);

  // Empty exactly when nothing is left to classify; no ink in, nothing out.
  FUZZ_CHECK(digit.empty == result.none());
  if (ink.none())
    FUZZ_CHECK(digit.empty);
  // Ink that needs no shrinking (its box fits 20 x 20) always survives: only averaging a large
  // box down may fade faint ink to nothing.
  if (!ink.none() && ink.width() <= data::kDigitBoxSide && ink.height() <= data::kDigitBoxSide) {
    FUZZ_CHECK(!digit.empty);
  }
  // The result fits the 20 x 20 box the digit is scaled into.
  FUZZ_CHECK(result.width() <= data::kDigitBoxSide && result.height() <= data::kDigitBoxSide);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Input in{data, size};
  if (in.byte(0) & 8) {
    check_refusal(in);
  } else {
    check_drawing(in);
  }
  return 0;
}
