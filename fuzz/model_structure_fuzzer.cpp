// Fuzzes the model-file decoder (nn/model_format.h) past its checksum: the last 4 bytes are
// overwritten with the CRC-32 of the others before decoding, so mutations of the header, the
// sizes, the metadata and the weights reach the code behind the CRC check. Same seeds as
// model_fuzzer (fuzz/corpus/model).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/crc32.h"
#include "model_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 4) {
    fuzz::check_model_file(data, size);
    return 0;
  }
  std::vector<uint8_t> bytes(data, data + size);
  const uint32_t crc = base::crc32(bytes.data(), size - 4);
  for (int i = 0; i < 4; ++i)
    bytes[size - 4 + i] = static_cast<uint8_t>(crc >> (8 * i));
  fuzz::check_model_file(bytes.data(), bytes.size());
  return 0;
}
