#pragma once

#include <string>

namespace nn {

/// The shape of one sample's values at a layer boundary: channels x height x width. A batch stores
/// each sample as one column of shape.size() floats in CHW order (channel-major, then rows), the
/// order ONNX's NCHW tensors use, so flattening a shape moves no data. Flat values (a dense
/// layer's input and output) are {size, 1, 1}.
struct Shape {
  int channels = 1;
  int height = 1;
  int width = 1;

  long long size() const { return static_cast<long long>(channels) * height * width; }
  int area() const { return height * width; }
  bool flat() const { return height == 1 && width == 1; }

  bool operator==(const Shape& other) const {
    return channels == other.channels && height == other.height && width == other.width;
  }
  bool operator!=(const Shape& other) const { return !(*this == other); }
};

/// "6x24x24", or "120" for a flat shape.
std::string to_string(const Shape& shape);

}  // namespace nn
