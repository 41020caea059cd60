#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nn {

/// A k x k, stride 1 convolution of one sample whose input is already padded: `channels` planes
/// of height x width (row-major, planes one after another, as a CHW column stores them) make
/// `filters` planes of (height - k + 1) x (width - k + 1).
struct ConvPlan {
  int channels = 1;
  int height = 1;
  int width = 1;
  int filters = 1;
  int kernel = 1;

  int out_height() const { return height - kernel + 1; }
  int out_width() const { return width - kernel + 1; }
  int patch_size() const { return channels * kernel * kernel; }  // K = C k k

  /// For each kernel tap k = (c k + ky) k + kx, its offset in the input: (c height + ky) width +
  /// kx. The kernels read the input at output position offset + tap offset.
  std::vector<int32_t> tap_offsets() const;
};

/// out[f][y][x] = bias[f] + sum over taps of weights[f][tap] in[(y, x) + tap]: the direct
/// convolution (no im2col: a vector of L outputs along a row reads L contiguous inputs per tap).
/// weights are [filters][C k k] (ONNX's OIHW); bias may be null. `taps` is plan.tap_offsets().
void conv2d_forward(const ConvPlan& plan,
                    const int32_t* taps,
                    const float* in,
                    const float* weights,
                    const float* bias,
                    float* out);

/// din[(y, x) + tap] += sum over filters of weights[f][tap] d[f][y][x], for every output (y, x)
/// and tap: the input's gradient, for one sample, into `din` laid out as the padded input (C
/// planes of height x width). Only the products that exist are computed (no zero padding of d).
void conv2d_input_gradient(const ConvPlan& plan, const float* d, const float* weights, float* din);

/// dweights[f][tap] += sum over the n samples and every output (y, x) of
/// d[f][y][x] in[(y, x) + tap]: the weight gradient. Sample s's input is at in + s in_stride,
/// its output gradient at d + s d_stride. `scratch` holds conv2d_weight_gradient_scratch(plan)
/// floats (partial sums, one vector per weight), owned by the caller so nothing is allocated here.
void conv2d_weight_gradient(const ConvPlan& plan,
                            const int32_t* taps,
                            int n,
                            const float* in,
                            std::ptrdiff_t in_stride,
                            const float* d,
                            std::ptrdiff_t d_stride,
                            float* dweights,
                            float* scratch);

/// The floats of scratch conv2d_weight_gradient needs for `plan`.
std::size_t conv2d_weight_gradient_scratch(const ConvPlan& plan);

}  // namespace nn
