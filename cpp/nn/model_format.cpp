#include "nn/model_format.h"

#include <cmath>
#include <cstring>
#include <utility>

#include "base/bytes.h"
#include "base/crc32.h"
#include "base/files.h"
#include "nn/layer_string.h"

namespace nn {
namespace {

constexpr uint8_t kMagic[4] = {'N', 'N', 'M', 'F'};
constexpr size_t kLayerRecordBytes = 16;  // version 2

// Largest possible file: the parameter bound plus headers and metadata.
constexpr size_t kMaxModelFileBytes =
    kMaxParameters * 4 + kMaxModelMetadataBytes + kMaxLayers * kLayerRecordBytes + 1024;

[[noreturn]] void fail(const std::string& message) {
  throw ModelFormatError("not a valid model file: " + message);
}

void expect(bool ok, const char* what) {
  if (!ok)
    fail(std::string("the file ends inside the ") + what + " (truncated)");
}

// ---- version 1 ---------------------------------------------------------------------------------

void write_header_v1(base::ByteWriter& out, const Architecture& arch) {
  const std::vector<int> sizes = arch.sizes();
  out.write_u32_le(static_cast<uint32_t>(sizes.size() - 1));
  for (int size : sizes)
    out.write_u32_le(static_cast<uint32_t>(size));
  // One hidden activation for all hidden layers (is_mlp checked they agree); sigmoid, the
  // historical default, when there are none.
  const Activation hidden =
      arch.layers.size() > 1 ? arch.layers[0].activation : Activation::Sigmoid;
  out.write_u8(static_cast<uint8_t>(hidden));
  out.write_u8(static_cast<uint8_t>(arch.output_activation()));
  out.write_u8(static_cast<uint8_t>(arch.loss));
  out.write_u8(0);
}

Architecture read_header_v1(base::ByteReader& in) {
  uint32_t layer_count = 0;
  expect(in.read_u32_le(layer_count), "header");
  if (layer_count < 1 || layer_count > kMaxWeightLayers) {
    fail("it claims " + std::to_string(layer_count) + " layers (1 to " +
         std::to_string(kMaxWeightLayers) + " allowed)");
  }
  std::vector<int> sizes;
  for (uint32_t i = 0; i <= layer_count; ++i) {
    uint32_t layer_size = 0;
    expect(in.read_u32_le(layer_size), "layer sizes");
    if (layer_size < 1 || layer_size > static_cast<uint32_t>(kMaxLayerSize)) {
      fail("layer " + std::to_string(i) + " has size " + std::to_string(layer_size) + " (1 to " +
           std::to_string(kMaxLayerSize) + " allowed)");
    }
    sizes.push_back(static_cast<int>(layer_size));
  }
  uint8_t hidden = 0, output = 0, loss = 0, reserved = 0;
  expect(in.read_u8(hidden) && in.read_u8(output) && in.read_u8(loss) && in.read_u8(reserved),
         "header");
  if (hidden > 3 || output > 3)
    fail("unknown activation code");
  if (loss > 1)
    fail("unknown loss code " + std::to_string(loss));
  // Version 1 writers put 0 here; anything else means a writer this reader does not know.
  if (reserved != 0)
    fail("its reserved header byte is " + std::to_string(reserved) + ", not 0");
  if (!is_hidden_activation(static_cast<Activation>(hidden))) {
    fail("hidden activation must be sigmoid, relu or tanh, got " +
         std::string(activation_name(static_cast<Activation>(hidden))));
  }
  return Architecture::mlp(sizes, static_cast<Activation>(hidden), static_cast<Activation>(output),
                           static_cast<Loss>(loss));
}

// ---- version 2 ---------------------------------------------------------------------------------

void write_header_v2(base::ByteWriter& out, const Architecture& arch) {
  out.write_u32_le(static_cast<uint32_t>(arch.input.channels));
  out.write_u32_le(static_cast<uint32_t>(arch.input.height));
  out.write_u32_le(static_cast<uint32_t>(arch.input.width));
  out.write_u32_le(static_cast<uint32_t>(arch.layers.size()));
  const std::vector<Shape> shapes = arch.shapes();
  for (size_t i = 0; i < arch.layers.size(); ++i) {
    const LayerSpec& spec = arch.layers[i];
    const bool conv = spec.kind == LayerKind::Conv2D;
    out.write_u8(static_cast<uint8_t>(spec.kind));
    out.write_u8(spec.has_parameters() ? static_cast<uint8_t>(spec.activation) : 0);
    out.write_u8(conv ? static_cast<uint8_t>(spec.padding) : 0);
    out.write_u8(conv ? static_cast<uint8_t>(spec.kernel) : 0);
    out.write_u32_le(static_cast<uint32_t>(shapes[i + 1].channels));
    out.write_u32_le(static_cast<uint32_t>(shapes[i + 1].height));
    out.write_u32_le(static_cast<uint32_t>(shapes[i + 1].width));
  }
  out.write_u8(static_cast<uint8_t>(arch.loss));
  for (int i = 0; i < 3; ++i)
    out.write_u8(0);
}

// A version 1 file whose version field says 2 lands here too: say which layout failed.
[[noreturn]] void fail_v2(const std::string& message) {
  fail("its version 2 layer list is invalid: " + message);
}

int read_dimension(base::ByteReader& in, const char* what) {
  uint32_t value = 0;
  expect(in.read_u32_le(value), what);
  if (value > kMaxLayerValues)
    fail_v2(std::string("a ") + what + " of " + std::to_string(value) + " is out of bounds");
  return static_cast<int>(value);
}

Architecture read_header_v2(base::ByteReader& in) {
  Architecture arch;
  arch.input.channels = read_dimension(in, "input shape");
  arch.input.height = read_dimension(in, "input shape");
  arch.input.width = read_dimension(in, "input shape");
  uint32_t layer_count = 0;
  expect(in.read_u32_le(layer_count), "header");
  if (layer_count < 1 || layer_count > static_cast<uint32_t>(kMaxLayers)) {
    fail_v2("it claims " + std::to_string(layer_count) + " layers (1 to " +
            std::to_string(kMaxLayers) + " allowed)");
  }
  std::vector<Shape> claimed;
  for (uint32_t i = 0; i < layer_count; ++i) {
    const std::string which = "layer " + std::to_string(i + 1);
    uint8_t kind = 0, activation = 0, padding = 0, kernel = 0;
    expect(in.read_u8(kind) && in.read_u8(activation) && in.read_u8(padding) && in.read_u8(kernel),
           "layer list");
    Shape out;
    out.channels = read_dimension(in, "layer shape");
    out.height = read_dimension(in, "layer shape");
    out.width = read_dimension(in, "layer shape");
    if (kind > 3)
      fail_v2(which + " has the unknown kind " + std::to_string(kind));
    LayerSpec spec;
    spec.kind = static_cast<LayerKind>(kind);
    if (activation > 3)
      fail_v2(which + " has the unknown activation code " + std::to_string(activation));
    if (padding > 1)
      fail_v2(which + " has the unknown padding code " + std::to_string(padding));
    const bool conv = spec.kind == LayerKind::Conv2D;
    if (!spec.has_parameters() && activation != 0)
      fail_v2(which + " (" + std::string(layer_kind_name(spec.kind)) + ") has an activation code");
    if (!conv && (padding != 0 || kernel != 0))
      fail_v2(which + " has a padding or kernel but is not a convolution");
    spec.activation = static_cast<Activation>(activation);
    spec.padding = static_cast<Padding>(padding);
    spec.kernel = kernel;
    spec.units = spec.has_parameters() ? out.channels : 0;
    arch.layers.push_back(spec);
    claimed.push_back(out);
  }
  uint8_t loss = 0, reserved[3] = {};
  expect(in.read_u8(loss) && in.read_u8(reserved[0]) && in.read_u8(reserved[1]) &&
             in.read_u8(reserved[2]),
         "header");
  if (loss > 1)
    fail_v2("unknown loss code " + std::to_string(loss));
  if (reserved[0] != 0 || reserved[1] != 0 || reserved[2] != 0)
    fail_v2("its reserved header bytes are not 0");
  arch.loss = static_cast<Loss>(loss);
  try {
    validate_architecture(arch);
  } catch (const std::invalid_argument& error) {
    fail_v2(error.what());
  }
  // The shapes are redundant with the layers: a disagreement means a damaged or foreign file.
  const std::vector<Shape> shapes = arch.shapes();
  for (size_t i = 0; i < claimed.size(); ++i) {
    if (claimed[i] != shapes[i + 1]) {
      fail_v2("layer " + std::to_string(i + 1) + " (" +
              format_layer(arch.layers[i], arch.layers[i].activation) + ") claims an output of " +
              to_string(claimed[i]) + " but makes " + to_string(shapes[i + 1]) + " from its " +
              to_string(shapes[i]) + " input");
    }
  }
  return arch;
}

}  // namespace

std::vector<uint8_t> encode_model(const Network& network,
                                  std::string_view metadata,
                                  uint32_t version) {
  if (metadata.size() > kMaxModelMetadataBytes) {
    throw std::invalid_argument("model metadata is larger than 64 KiB");
  }
  const Architecture& arch = network.architecture();
  if (version == 0)
    version = arch.is_mlp() ? 1 : 2;
  if (version == 1 && !arch.is_mlp())
    throw std::invalid_argument("model format version 1 holds fully connected networks only");
  if (version != 1 && version != 2)
    throw std::invalid_argument("unknown model format version " + std::to_string(version));
  std::vector<uint8_t> bytes;
  bytes.reserve(static_cast<size_t>(network.parameter_count()) * 4 + metadata.size() +
                kLayerRecordBytes * arch.layers.size() + 64);
  base::ByteWriter out(bytes);
  out.write_bytes(kMagic, 4);
  out.write_u32_le(version);
  if (version == 1) {
    write_header_v1(out, arch);
  } else {
    write_header_v2(out, arch);
  }
  out.write_u32_le(static_cast<uint32_t>(metadata.size()));
  out.write_bytes(metadata.data(), metadata.size());
  std::vector<float> canonical;
  for (const Parameter& p : network.parameters()) {
    canonical.resize(static_cast<size_t>(p.size));
    copy_canonical(p, canonical.data());
    for (float value : canonical)
      out.write_f32_le(value);
  }
  out.write_u32_le(base::crc32(bytes.data(), bytes.size()));
  return bytes;
}

Model decode_model(const uint8_t* data, size_t size) {
  base::ByteReader in(data, size);
  if (size < 4 || std::memcmp(data, kMagic, 4) != 0) {
    fail("it does not start with the model signature \"NNMF\"");
  }
  in.skip(4);
  uint32_t version = 0;
  expect(in.read_u32_le(version), "header");
  Architecture arch;
  if (version == 1) {
    arch = read_header_v1(in);
    try {
      validate_architecture(arch);
    } catch (const std::invalid_argument& error) {
      fail(error.what());
    }
  } else if (version == 2) {
    arch = read_header_v2(in);
  } else {
    fail("it is format version " + std::to_string(version) +
         "; this program reads versions 1 and " + std::to_string(kModelFormatVersion));
  }

  uint32_t metadata_size = 0;
  expect(in.read_u32_le(metadata_size), "header");
  if (metadata_size > kMaxModelMetadataBytes)
    fail("its metadata is larger than 64 KiB");
  const size_t metadata_offset = in.offset();
  expect(in.skip(metadata_size), "metadata");

  // The header fixes the file's length: check it before allocating anything it claims.
  const auto parameters = static_cast<size_t>(parameter_count(arch));
  const size_t expected = in.offset() + parameters * 4 + 4;
  if (size < expected) {
    fail("it is " + std::to_string(size) + " bytes but its header implies " +
         std::to_string(expected) + " (truncated)");
  }
  if (size > expected) {
    fail("it has " + std::to_string(size - expected) + " unexpected bytes after the checksum");
  }
  uint32_t stored_crc = 0;
  base::ByteReader crc_reader(data + size - 4, 4);
  crc_reader.read_u32_le(stored_crc);
  if (base::crc32(data, size - 4) != stored_crc) {
    fail("its checksum does not match (the file is corrupt)");
  }

  Model model{Network(arch, Purpose::Inference),
              std::string(reinterpret_cast<const char*>(data) + metadata_offset, metadata_size),
              version};
  std::vector<float> canonical;
  for (const Parameter& p : model.network.parameters()) {
    canonical.resize(static_cast<size_t>(p.size));
    for (float& value : canonical)
      in.read_f32_le(value);
    assign_canonical(p, canonical.data());
  }
  if (!model.network.parameters_finite())
    fail("it contains NaN or infinite weights");
  if (!model.network.forward_pass_bounded()) {
    fail("its weights are so large that the network's outputs would overflow to NaN");
  }
  return model;
}

void save_model_file(const std::string& path, const Network& network, std::string_view metadata) {
  base::write_file(path, encode_model(network, metadata));
}

Model load_model_file(const std::string& path) {
  const std::vector<uint8_t> bytes = base::read_file(path, kMaxModelFileBytes);
  try {
    return decode_model(bytes.data(), bytes.size());
  } catch (const ModelFormatError& error) {
    throw ModelFormatError("'" + path + "' is " + std::string(error.what()));
  }
}

}  // namespace nn
