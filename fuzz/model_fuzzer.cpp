// Fuzzes the model-file decoder (nn/model_format.h) on the bytes exactly as given. Mutations
// almost never keep the CRC-32 right, so this target mostly exercises the checks before and at
// the checksum; model_structure_fuzzer repairs the checksum to reach the rest.
#include <cstddef>
#include <cstdint>

#include "model_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::check_model_file(data, size);
  return 0;
}
