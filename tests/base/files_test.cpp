#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "base/files.h"
#include "support/temp_file.h"

using Catch::Matchers::Contains;

TEST_CASE("a file written whole reads back identical", "[files]") {
  test_support::TempFile file("bytes.bin");
  std::vector<uint8_t> bytes(200'000);
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<uint8_t>(i * 131 + 7);
  base::write_file(file.path(), bytes);
  CHECK(base::read_file(file.path(), bytes.size()) == bytes);
  // No temporary is left beside it.
  std::FILE* leftover = std::fopen((file.path() + ".tmp").c_str(), "rb");
  CHECK(leftover == nullptr);
  if (leftover != nullptr)
    std::fclose(leftover);
}

TEST_CASE("an empty file reads as no bytes", "[files]") {
  test_support::TempFile file("empty.bin");
  base::write_file(file.path(), {});
  CHECK(base::read_file(file.path(), 10).empty());
}

TEST_CASE("reading a missing file names the path", "[files]") {
  test_support::TempFile missing("missing.bin");
  CHECK_THROWS_WITH(base::read_file(missing.path(), 100),
                    Contains(missing.path()) && Contains("cannot open"));
}

TEST_CASE("reading a file larger than the limit is refused", "[files]") {
  test_support::TempFile file("large.bin");
  base::write_file(file.path(), std::vector<uint8_t>(1000, 1));
  CHECK_NOTHROW(base::read_file(file.path(), 1000));
  CHECK_THROWS_WITH(base::read_file(file.path(), 999),
                    Contains(file.path()) && Contains("larger than the limit of 999 bytes"));
}

TEST_CASE("writing into a missing folder fails with the path in the message", "[files]") {
  const std::string path = "/nonexistent-folder-for-nn-tests/model.nnmf";
  CHECK_THROWS_WITH(base::write_file(path, {1, 2, 3}), Contains(path));
}
