#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace base {

/// Reads a whole file. Throws std::runtime_error naming the path when it cannot be opened or read,
/// or when it is larger than max_bytes (so a wrong path to a huge file cannot exhaust memory).
std::vector<uint8_t> read_file(const std::string& path, size_t max_bytes);

/// Writes a whole file through a temporary and a rename, so a failed write leaves no half file.
void write_file(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace base
