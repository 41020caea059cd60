#include "nn/model_format.h"

#include <cmath>
#include <utility>

#include "base/bytes.h"
#include "base/crc32.h"
#include "base/files.h"

namespace nn {
namespace {

constexpr uint8_t kMagic[4] = {'N', 'N', 'M', 'F'};

// Largest possible file: the parameter bound plus headers and metadata.
constexpr size_t kMaxModelFileBytes = kMaxParameters * 4 + kMaxModelMetadataBytes + 1024;

[[noreturn]] void fail(const std::string& message) {
  throw ModelFormatError("not a valid model file: " + message);
}

void expect(bool ok, const char* what) {
  if (!ok)
    fail(std::string("the file ends inside the ") + what + " (truncated)");
}

}  // namespace

std::vector<uint8_t> encode_model(const Network& network, std::string_view metadata) {
  if (metadata.size() > kMaxModelMetadataBytes) {
    throw std::invalid_argument("model metadata is larger than 64 KiB");
  }
  const Architecture& arch = network.architecture();
  std::vector<uint8_t> bytes;
  bytes.reserve(static_cast<size_t>(parameter_count(arch.sizes)) * 4 + metadata.size() + 64);
  base::ByteWriter out(bytes);
  out.write_bytes(kMagic, 4);
  out.write_u32_le(kModelFormatVersion);
  out.write_u32_le(static_cast<uint32_t>(arch.sizes.size() - 1));
  for (int size : arch.sizes)
    out.write_u32_le(static_cast<uint32_t>(size));
  out.write_u8(static_cast<uint8_t>(arch.hidden_activation));
  out.write_u8(static_cast<uint8_t>(arch.output_activation));
  out.write_u8(static_cast<uint8_t>(arch.loss));
  out.write_u8(0);
  out.write_u32_le(static_cast<uint32_t>(metadata.size()));
  out.write_bytes(metadata.data(), metadata.size());
  for (const DenseLayer& layer : network.layers()) {
    const Matrix& w = layer.weights();
    for (Eigen::Index row = 0; row < w.rows(); ++row) {
      for (Eigen::Index col = 0; col < w.cols(); ++col)
        out.write_f32_le(w(row, col));
    }
    for (Eigen::Index i = 0; i < layer.bias().size(); ++i)
      out.write_f32_le(layer.bias()[i]);
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
  uint32_t version = 0, layer_count = 0;
  expect(in.read_u32_le(version), "header");
  if (version != kModelFormatVersion) {
    fail("it is format version " + std::to_string(version) + "; this program reads version " +
         std::to_string(kModelFormatVersion));
  }
  expect(in.read_u32_le(layer_count), "header");
  if (layer_count < 1 || layer_count > kMaxWeightLayers) {
    fail("it claims " + std::to_string(layer_count) + " layers (1 to " +
         std::to_string(kMaxWeightLayers) + " allowed)");
  }
  Architecture arch;
  for (uint32_t i = 0; i <= layer_count; ++i) {
    uint32_t layer_size = 0;
    expect(in.read_u32_le(layer_size), "layer sizes");
    if (layer_size < 1 || layer_size > static_cast<uint32_t>(kMaxLayerSize)) {
      fail("layer " + std::to_string(i) + " has size " + std::to_string(layer_size) + " (1 to " +
           std::to_string(kMaxLayerSize) + " allowed)");
    }
    arch.sizes.push_back(static_cast<int>(layer_size));
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
  arch.hidden_activation = static_cast<Activation>(hidden);
  arch.output_activation = static_cast<Activation>(output);
  arch.loss = static_cast<Loss>(loss);
  try {
    validate_architecture(arch);
  } catch (const std::invalid_argument& error) {
    fail(error.what());
  }

  uint32_t metadata_size = 0;
  expect(in.read_u32_le(metadata_size), "header");
  if (metadata_size > kMaxModelMetadataBytes)
    fail("its metadata is larger than 64 KiB");
  const size_t metadata_offset = in.offset();
  expect(in.skip(metadata_size), "metadata");

  // The header fixes the file's length: check it before allocating anything it claims.
  const auto parameters = static_cast<size_t>(parameter_count(arch.sizes));
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

  Model model{Network(arch),
              std::string(reinterpret_cast<const char*>(data) + metadata_offset, metadata_size)};
  for (DenseLayer& layer : model.network.layers()) {
    Matrix& w = layer.weights();
    for (Eigen::Index row = 0; row < w.rows(); ++row) {
      for (Eigen::Index col = 0; col < w.cols(); ++col)
        in.read_f32_le(w(row, col));
    }
    for (Eigen::Index i = 0; i < layer.bias().size(); ++i)
      in.read_f32_le(layer.bias()[i]);
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
