#pragma once

#include <string>
#include <string_view>

namespace base {

/// `text` as a JSON string literal, quoted and escaped (", \ and control characters).
std::string json_string(std::string_view text);

}  // namespace base
