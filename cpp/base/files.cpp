#include "base/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace base {
namespace {

std::runtime_error file_error(const std::string& action, const std::string& path) {
  return std::runtime_error("cannot " + action + " '" + path + "': " + std::strerror(errno));
}

}  // namespace

std::vector<uint8_t> read_file(const std::string& path, size_t max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr)
    throw file_error("open", path);
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t count = 0;
  while ((count = std::fread(chunk, 1, sizeof chunk, file)) > 0) {
    if (bytes.size() + count > max_bytes) {
      std::fclose(file);
      throw std::runtime_error("'" + path + "' is larger than the limit of " +
                               std::to_string(max_bytes) + " bytes");
    }
    bytes.insert(bytes.end(), chunk, chunk + count);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed)
    throw file_error("read", path);
  return bytes;
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr)
    throw file_error("create", temporary);
  // An empty vector's data() may be null, which fwrite must not be given even for 0 bytes.
  const bool written =
      bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    std::remove(temporary.c_str());
    throw file_error("write", path);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw file_error("rename into", path);
  }
}

}  // namespace base
