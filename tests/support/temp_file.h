#pragma once

#include <string>

namespace test_support {

/// A unique path in the system's temporary folder, removed (with any ".tmp" sibling) when the
/// object goes out of scope. Unique per process, so parallel ctest runs do not collide.
class TempFile {
 public:
  explicit TempFile(const std::string& name);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace test_support
