#include "support/temp_file.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>

namespace test_support {

TempFile::TempFile(const std::string& name) {
  static std::atomic<int> counter{0};
  const std::filesystem::path folder = std::filesystem::temp_directory_path();
  path_ = (folder / ("nn_tests_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) +
                     "_" + name))
              .string();
}

TempFile::~TempFile() {
  std::remove(path_.c_str());
  std::remove((path_ + ".tmp").c_str());
}

}  // namespace test_support
