#pragma once
// Conversions between the core's values and JavaScript values, for the bindings (bindings.cpp).

#include <emscripten/val.h>

#include <string>
#include <vector>

#include "nn/architecture.h"
#include "train/config.h"

namespace wasm {

/// Throws a JS Error with the message (and a `setting` property naming a configuration field).
[[noreturn]] void throw_js_error(const std::string& message, const std::string& setting = {});

/// Runs `body`, turning any C++ exception into a JS Error carrying its message.
template <typename Body>
auto guarded(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const train::ConfigError& error) {
    throw_js_error(error.what(), error.setting());
  } catch (const std::exception& error) {
    throw_js_error(error.what());
  }
}

/// A typed array over a vector's elements in wasm memory (valid until the vector changes).
template <typename T>
emscripten::val view_of(const std::vector<T>& values) {
  return emscripten::val(emscripten::typed_memory_view(values.size(), values.data()));
}

/// A plain JS object {preset, hidden, activation, ..., seed} (see nn.d.ts) as a TrainConfig.
/// Missing fields keep TrainConfig's defaults; a field of the wrong type throws ConfigError naming
/// it. Ranges are checked by train::validate, not here.
train::TrainConfig config_from_js(const emscripten::val& js);

emscripten::val config_to_js(const train::TrainConfig& config);
emscripten::val architecture_to_js(const nn::Architecture& architecture);

}  // namespace wasm
