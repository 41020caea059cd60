#include "wasm/js_values.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "nn/activation.h"
#include "nn/init.h"
#include "nn/loss.h"
#include "nn/optimizer.h"

using emscripten::val;

namespace wasm {

void throw_js_error(const std::string& message, const std::string& setting) {
  val error = val::global("Error").new_(message);
  if (!setting.empty())
    error.set("setting", setting);
  error.throw_();
}

namespace {

double number_field(const val& object, const char* key, const char* setting, double fallback) {
  const val field = object[key];
  if (field.isUndefined())
    return fallback;
  if (!field.isNumber())
    throw train::ConfigError(std::string(setting) + " must be a number", setting);
  return field.as<double>();
}

int integer_field(const val& object, const char* key, const char* setting, int fallback) {
  const double value = number_field(object, key, setting, fallback);
  if (!std::isfinite(value) || std::floor(value) != value || std::fabs(value) > 2147483647.0) {
    throw train::ConfigError(std::string(setting) + " must be a whole number", setting);
  }
  return static_cast<int>(value);
}

template <typename Parse>
auto name_field(const val& object,
                const char* key,
                const char* setting,
                Parse parse,
                decltype(parse(std::string_view())) fallback) {
  const val field = object[key];
  if (field.isUndefined())
    return fallback;
  if (!field.isString())
    throw train::ConfigError(std::string(setting) + " must be a name", setting);
  try {
    return parse(field.as<std::string>());
  } catch (const std::invalid_argument& error) {
    throw train::ConfigError(error.what(), setting);
  }
}

// The shortest decimal that reads back as the same float, so 0.9f crosses as 0.9 rather than
// 0.8999999761581421.
double shortest_decimal(float value) {
  char text[32];
  for (int precision = 6; precision < 10; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value)
      break;
  }
  return std::strtod(text, nullptr);
}

}  // namespace

train::TrainConfig config_from_js(const val& js) {
  if (js.isNull() || js.typeOf().as<std::string>() != "object")
    throw train::ConfigError("a training configuration must be an object");
  train::TrainConfig c;
  if (js["preset"].isString())
    c.preset = js["preset"].as<std::string>();
  const val hidden = js["hidden"];
  if (!hidden.isUndefined()) {
    if (!hidden.isArray()) {
      throw train::ConfigError("hidden layer sizes must be a list of numbers", "hidden");
    }
    c.hidden.clear();
    const int count = hidden["length"].as<int>();
    if (count > train::kMaxHiddenLayers) {
      throw train::ConfigError("the number of hidden layers must be 0 to " +
                                   std::to_string(train::kMaxHiddenLayers) + ", got " +
                                   std::to_string(count),
                               "hidden");
    }
    for (int i = 0; i < count; ++i) {
      const val size = hidden[i];
      if (!size.isNumber() || std::floor(size.as<double>()) != size.as<double>()) {
        throw train::ConfigError("hidden layer sizes must be whole numbers", "hidden");
      }
      const double value = size.as<double>();
      c.hidden.push_back(value < 0 ? -1 : value > 1e9 ? 1000000000 : static_cast<int>(value));
    }
  }
  const val layers = js["layers"];
  if (!layers.isUndefined()) {
    if (!layers.isString())
      throw train::ConfigError("the layer list must be a string, e.g. conv5x6,pool,fc120",
                               "layers");
    c.layers = layers.as<std::string>();
  }
  c.activation = name_field(js, "activation", "activation", nn::parse_activation, c.activation);
  c.output = name_field(js, "output", "output", nn::parse_activation, c.output);
  c.loss = name_field(js, "loss", "loss", nn::parse_loss, c.loss);
  c.init = name_field(js, "init", "init", nn::parse_init, c.init);
  c.optimizer = name_field(js, "optimizer", "optimizer", nn::parse_optimizer, c.optimizer);
  c.schedule = name_field(js, "schedule", "schedule", train::parse_schedule, c.schedule);
  c.augment = name_field(js, "augment", "augment", train::parse_augment, c.augment);
  c.learning_rate =
      static_cast<float>(number_field(js, "learningRate", "learning_rate", c.learning_rate));
  c.momentum = static_cast<float>(number_field(js, "momentum", "momentum", c.momentum));
  c.weight_decay =
      static_cast<float>(number_field(js, "weightDecay", "weight_decay", c.weight_decay));
  c.batch_size = integer_field(js, "batchSize", "batch_size", c.batch_size);
  c.epochs = integer_field(js, "epochs", "epochs", c.epochs);
  const double seed = number_field(js, "seed", "seed", c.seed);
  if (!(seed >= 0 && seed <= 4294967295.0) || std::floor(seed) != seed) {
    throw train::ConfigError("seed must be a whole number from 0 to 4294967295", "seed");
  }
  c.seed = static_cast<uint32_t>(seed);
  const val freeze = js["freezeConvolutions"];
  if (!freeze.isUndefined()) {
    if (!freeze.isTrue() && !freeze.isFalse())
      throw train::ConfigError("freezeConvolutions must be true or false", "freeze_convolutions");
    c.freeze_convolutions = freeze.isTrue();
  }
  return c;
}

val config_to_js(const train::TrainConfig& c) {
  val js = val::object();
  js.set("preset", c.preset);
  val hidden = val::array();
  for (int size : c.hidden)
    hidden.call<void>("push", size);
  js.set("hidden", hidden);
  js.set("layers", c.layers);
  js.set("activation", std::string(nn::activation_name(c.activation)));
  js.set("output", std::string(nn::activation_name(c.output)));
  js.set("loss", std::string(nn::loss_name(c.loss)));
  js.set("init", std::string(nn::init_name(c.init)));
  js.set("optimizer", std::string(nn::optimizer_name(c.optimizer)));
  js.set("learningRate", shortest_decimal(c.learning_rate));
  js.set("momentum", shortest_decimal(c.momentum));
  js.set("weightDecay", shortest_decimal(c.weight_decay));
  js.set("schedule", std::string(train::schedule_name(c.schedule)));
  js.set("augment", data::augmentation_name(c.augment));
  js.set("batchSize", c.batch_size);
  js.set("epochs", c.epochs);
  js.set("seed", c.seed);
  js.set("freezeConvolutions", c.freeze_convolutions);
  return js;
}

namespace {

val shape_to_js(const nn::Shape& shape) {
  val js = val::object();
  js.set("channels", shape.channels);
  js.set("height", shape.height);
  js.set("width", shape.width);
  return js;
}

val layer_to_js(const nn::LayerSpec& spec, const nn::Shape& input, const nn::Shape& output) {
  val js = val::object();
  js.set("kind", std::string(nn::layer_kind_name(spec.kind)));
  js.set("input", shape_to_js(input));
  js.set("output", shape_to_js(output));
  js.set("activation", spec.has_parameters()
                           ? val(std::string(nn::activation_name(spec.activation)))
                           : val::null());
  js.set("parameters", static_cast<double>(nn::parameter_count(spec, input)));
  if (spec.kind == nn::LayerKind::Dense)
    js.set("units", spec.units);
  if (spec.kind == nn::LayerKind::Conv2D) {
    js.set("filters", spec.units);
    js.set("kernel", spec.kernel);
    js.set("padding", std::string(nn::padding_name(spec.padding)));
  }
  return js;
}

}  // namespace

val architecture_to_js(const nn::Architecture& arch) {
  val js = val::object();
  val sizes = val::array();
  for (int size : arch.sizes())
    sizes.call<void>("push", size);
  js.set("sizes", sizes);
  js.set("input", shape_to_js(arch.input));
  const std::vector<nn::Shape> shapes = arch.shapes();
  val layers = val::array();
  std::string hidden = "none";
  for (size_t i = 0; i < arch.layers.size(); ++i) {
    const nn::LayerSpec& spec = arch.layers[i];
    layers.call<void>("push", layer_to_js(spec, shapes[i], shapes[i + 1]));
    if (hidden == "none" && spec.has_parameters() && i + 1 < arch.layers.size())
      hidden = std::string(nn::activation_name(spec.activation));
  }
  js.set("layers", layers);
  js.set("hiddenActivation", hidden);
  js.set("outputActivation", std::string(nn::activation_name(arch.output_activation())));
  js.set("loss", std::string(nn::loss_name(arch.loss)));
  js.set("parameterCount", static_cast<double>(nn::parameter_count(arch)));
  js.set("description", nn::describe(arch));
  return js;
}

}  // namespace wasm
