// The JavaScript face of the core; with js_values.{h,cpp} (value conversions) the only code that
// includes Emscripten. Each function converts its arguments, calls the core and converts the
// result; C++ exceptions become JS Errors (with a `setting` property for configuration errors).
// The API is written down in nn.d.ts.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/drawing.h"
#include "data/idx.h"
#include "export/model_export.h"
#include "nn/model_format.h"
#include "train/classify.h"
#include "train/config.h"
#include "train/fine_tune.h"
#include "train/session.h"
#include "wasm/js_values.h"

using emscripten::val;
using wasm::architecture_to_js;
using wasm::config_from_js;
using wasm::config_to_js;
using wasm::guarded;
using wasm::view_of;

namespace {

constexpr double kMaxBufferBytes = 256.0 * 1024 * 1024;

// ---- byte buffers ---------------------------------------------------------------------------

/// Bytes in wasm memory that JS fills through view(), so files cross the boundary once.
class ByteBuffer {
 public:
  explicit ByteBuffer(double size) {
    guarded([&] {
      if (!(size >= 0 && size <= kMaxBufferBytes) || std::floor(size) != size) {
        throw std::invalid_argument("a buffer must hold 0 to 256 MiB");
      }
      bytes_.resize(static_cast<size_t>(size));
      return 0;
    });
  }
  /// A Uint8Array over the bytes; make it when you use it (memory growth detaches old views).
  val view() { return view_of(bytes_); }
  double size() const { return static_cast<double>(bytes_.size()); }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// ---- the session ----------------------------------------------------------------------------

class JsSession {
 public:
  void set_data(ByteBuffer& train_images,
                ByteBuffer& train_labels,
                ByteBuffer& test_images,
                ByteBuffer& test_labels) {
    guarded([&] {
      data::Dataset training = parse_pair(train_images, train_labels, "training");
      data::Dataset test = parse_pair(test_images, test_labels, "test");
      session_.set_data(std::move(training), std::move(test));
      return 0;
    });
  }

  void limit_training(int samples) {
    guarded([&] {
      session_.limit_training(samples);
      return 0;
    });
  }
  void set_test_every_epoch(bool enabled) { session_.set_test_every_epoch(enabled); }

  void start(const val& config) {
    guarded([&] {
      session_.start(config_from_js(config));
      return 0;
    });
  }

  val step(int sample_budget) {
    return guarded([&] {
      const train::StepReport r = session_.step(sample_budget);
      val js = val::object();
      js.set("phase", std::string(train::phase_name(r.phase)));
      js.set("epoch", r.epoch);
      js.set("batch", r.batch);
      js.set("batchesPerEpoch", r.batches_per_epoch);
      js.set("batchesTrained", r.batches_trained);
      js.set("samplesTrained", r.samples_trained);
      js.set("epochFinished", r.epoch_finished);
      js.set("finished", r.finished);
      return js;
    });
  }

  val step_losses() const { return view_of(session_.step_losses()); }

  val last_epoch() const {
    if (session_.history().empty())
      return val::null();
    const train::EpochSummary& e = session_.history().back();
    val js = val::object();
    js.set("epoch", e.epoch);
    js.set("trainLoss", e.train_loss);
    js.set("valLoss", e.validation_loss);
    js.set("valAccuracy", e.validation_accuracy);
    js.set("testLoss", e.tested ? val(e.test_loss) : val::null());
    js.set("testAccuracy", e.tested ? val(e.test_accuracy) : val::null());
    return js;
  }

  val test_result() const {
    const train::Evaluation& t = session_.test_result();
    val js = val::object();
    js.set("count", t.count);
    js.set("correct", t.correct);
    js.set("accuracy", t.accuracy());
    js.set("loss", t.mean_loss());
    js.set("classes", t.classes);
    return js;
  }
  /// classes x classes, row-major, row = true label.
  val confusion() const { return view_of(session_.test_result().confusion); }
  /// [index, label, predicted] per misclassified test sample.
  val mistakes() {
    mistakes_.clear();
    confidences_.clear();
    for (const train::Mistake& m : session_.test_result().mistakes) {
      mistakes_.insert(mistakes_.end(), {m.index, m.label, m.predicted});
      confidences_.push_back(m.confidence);
    }
    return view_of(mistakes_);
  }
  val mistake_confidences() const { return view_of(confidences_); }
  /// One test image (28 x 28 bytes), for the gallery of mistakes.
  val test_image(int index) const {
    return guarded([&] {
      const data::DatasetView test = data::view(session_.test_file(), index, index + 1);
      return val(emscripten::typed_memory_view(static_cast<size_t>(test.pixels), test.image(0)));
    });
  }

  std::string phase() const { return std::string(train::phase_name(session_.phase())); }
  std::string divergence() const { return session_.divergence(); }
  void stop() { session_.stop(); }
  void evaluate_current() {
    guarded([&] {
      session_.evaluate_current();
      return 0;
    });
  }

  bool has_network() const { return session_.has_network(); }
  val architecture() {
    if (!session_.has_network())
      return val::null();
    return architecture_to_js(session_.network().architecture());
  }

  /// Replaces the current model with a model file's; returns its metadata. The current model is
  /// kept when the file is refused.
  std::string load_model(ByteBuffer& file) {
    return guarded([&] {
      nn::Model model = nn::decode_model(file.bytes().data(), file.bytes().size());
      session_.use_network(std::move(model.network));
      return model.metadata;
    });
  }

  /// The current model as a model file (copy the view out at once).
  val save_model(const std::string& metadata) {
    return guarded([&] {
      saved_ = nn::encode_model(session_.network(), metadata);
      return view_of(saved_);
    });
  }

  /// The current model as an ONNX file, and its weights as safetensors, with the metadata JSON
  /// its model file carries (saveModel's): the same bytes as `mnist-train --load FILE
  /// --export-onnx` writes for that file. Copy the view out at once.
  val export_onnx(const std::string& metadata) {
    return guarded([&] {
      saved_ = exporter::export_onnx(session_.network(), metadata);
      return view_of(saved_);
    });
  }
  val export_safetensors(const std::string& metadata) {
    return guarded([&] {
      saved_ = exporter::export_safetensors(session_.network(), metadata);
      return view_of(saved_);
    });
  }

  /// Layer `index`'s weights as the core stores them (nn.d.ts gives the layouts); empty for a
  /// layer without weights. Valid until the next training step.
  val weights(int index) {
    return guarded([&] {
      nn::Network& network = session_.network();
      if (index < 0 || index >= static_cast<int>(network.layer_count()))
        throw std::out_of_range("no layer " + std::to_string(index));
      const std::vector<nn::Parameter> parameters = network.layer(index).parameters();
      static const float kNone = 0.0f;
      if (parameters.empty())
        return val(emscripten::typed_memory_view(0, &kNone));
      return val(emscripten::typed_memory_view(static_cast<size_t>(parameters[0].size),
                                               parameters[0].value));
    });
  }

  /// The first convolution's filters: {layer, shape: [filters, channels, k, k], values}, or null
  /// when the model has no convolution.
  val filters() {
    return guarded([&] {
      nn::Network& network = session_.network();
      for (size_t i = 0; i < network.layer_count(); ++i) {
        if (network.layer(i).kind() != nn::LayerKind::Conv2D)
          continue;
        const nn::Parameter weight = network.layer(i).parameters()[0];
        val shape = val::array();
        for (int dim : weight.dims)
          shape.call<void>("push", dim);
        val js = val::object();
        js.set("layer", static_cast<int>(i));
        js.set("shape", shape);
        js.set("values",
               val(emscripten::typed_memory_view(static_cast<size_t>(weight.size), weight.value)));
        return js;
      }
      return val::null();
    });
  }

  /// Classifies a drawing held in `ink` (width x height pixels, `stride` bytes apart, the ink
  /// intensity in the first byte of each). Returns {empty, digit}; then probabilities(),
  /// digit_image() and layer_output(i) describe it.
  val classify(ByteBuffer& ink, int width, int height, int stride) {
    return guarded([&] {
      const double needed = double(width) * height * stride;
      if (width < 1 || height < 1 || stride < 1 || needed > ink.size()) {
        throw std::invalid_argument("the drawing buffer is smaller than width x height x stride");
      }
      last_ = train::classify_drawing(session_.network(),
                                      data::InkImage{ink.bytes().data(), width, height, stride});
      val js = val::object();
      js.set("empty", last_.empty);
      js.set("digit", last_.digit);
      return js;
    });
  }
  /// Classifies a 28 x 28 image (uint8, as in the IDX files) held in `image` at byte `offset`,
  /// without preprocessing. Returns {empty: false, digit}; then probabilities() etc.
  val classify_image(ByteBuffer& image, double offset) {
    return guarded([&] {
      constexpr double kPixels = data::kDigitSide * data::kDigitSide;
      if (!(offset >= 0) || std::floor(offset) != offset || offset + kPixels > image.size()) {
        throw std::invalid_argument("the image buffer does not hold 784 bytes at that offset");
      }
      last_ = train::classify_image(session_.network(),
                                    image.bytes().data() + static_cast<size_t>(offset));
      val js = val::object();
      js.set("empty", false);
      js.set("digit", last_.digit);
      return js;
    });
  }
  val probabilities() const { return view_of(last_.probabilities); }
  val digit_image() const {
    return val(emscripten::typed_memory_view(last_.image.size(), last_.image.data()));
  }
  /// What layer `index` output for the last classified drawing: its activations (a dense layer's
  /// units, or a convolution's or pooling's feature maps in CHW order; the shape is
  /// architecture().layers[index].output), or null when nothing was classified.
  val layer_output(int index) {
    return guarded([&] {
      nn::Network& network = session_.network();
      if (index < 0 || index >= static_cast<int>(network.layer_count()) || last_.empty)
        return val::null();
      const auto output = std::as_const(network.layer(static_cast<size_t>(index))).output(1);
      return val(emscripten::typed_memory_view(static_cast<size_t>(output.rows()), output.data()));
    });
  }

  /// Up to `max_count` images of the last trained batch as the network saw them (distorted when
  /// the run augments), for a look: {count, images (count x 784 bytes), labels (count)}. The
  /// views are valid until the next call; count is 0 before the first batch or without a run.
  val batch_samples(int max_count) {
    return guarded([&] {
      const train::Trainer* trainer = session_.trainer();
      const int available = trainer == nullptr ? 0 : trainer->batches().last_count();
      const int count = std::clamp(max_count, 0, available);
      const int pixels = session_.split().train.pixels;
      samples_.resize(static_cast<size_t>(count) * pixels);
      sample_labels_.resize(static_cast<size_t>(count));
      for (int i = 0; i < count; ++i) {
        const uint8_t* image = trainer->batches().last_image(i);
        std::copy(image, image + pixels, samples_.begin() + static_cast<ptrdiff_t>(i) * pixels);
        sample_labels_[static_cast<size_t>(i)] = trainer->batches().last_label(i);
      }
      val js = val::object();
      js.set("count", count);
      js.set("images", view_of(samples_));
      js.set("labels", view_of(sample_labels_));
      return js;
    });
  }

  /// Fine-tunes the current model on a person's digits (an IDX image and label file, 28 x 28)
  /// mixed with `mix` MNIST training digits per digit of theirs; returns the accuracies before.
  val fine_tune(const val& config, ByteBuffer& images, ByteBuffer& labels, double mix) {
    return guarded([&] {
      const train::TrainConfig c = config_from_js(config);
      session_.fine_tune(c, parse_pair(images, labels, "digit"), mix);
      val js = val::object();
      js.set("heldOutBefore", session_.fine_tune_before().held_out);
      js.set("mnistBefore", session_.fine_tune_before().mnist_test);
      js.set("trainDigits", session_.your_train_count());
      js.set("heldOutDigits", session_.your_held_out_count());
      return js;
    });
  }

  int train_count() const { return session_.split().train.count; }
  int run_train_count() const { return session_.run_train_count(); }
  int validation_count() const { return session_.split().validation.count; }
  int test_count() const { return session_.test_file().count(); }

 private:
  // Parses an image and label file; the images must be 28 x 28, the size drawings are read at.
  static data::Dataset parse_pair(ByteBuffer& images, ByteBuffer& labels, const char* which) {
    data::Dataset dataset;
    try {
      data::IdxImages parsed = data::parse_idx_images(std::move(images.bytes()));
      std::vector<uint8_t> parsed_labels =
          data::parse_idx_labels(labels.bytes().data(), labels.bytes().size());
      dataset = data::make_dataset(std::move(parsed), std::move(parsed_labels));
    } catch (const data::IdxError& error) {
      throw data::IdxError(std::string("the ") + which +
                           " files are not valid MNIST data: " + error.what());
    }
    if (dataset.rows != data::kDigitSide || dataset.cols != data::kDigitSide) {
      throw data::IdxError(std::string("the ") + which + " images are " +
                           std::to_string(dataset.rows) + " x " + std::to_string(dataset.cols) +
                           " pixels; this page needs 28 x 28 images");
    }
    return dataset;
  }

  train::Session session_;
  train::Classification last_;
  std::vector<uint8_t> saved_;
  std::vector<int> mistakes_;
  std::vector<float> confidences_;
  std::vector<uint8_t> samples_;
  std::vector<uint8_t> sample_labels_;
};

val preset_config(const std::string& name) {
  return guarded([&] { return config_to_js(train::preset_config(name)); });
}

val fine_tune_config() {
  return config_to_js(train::fine_tune_config());
}

val preset_names() {
  val names = val::array();
  for (const std::string& name : train::preset_names())
    names.call<void>("push", name);
  return names;
}

/// {ok: true} or {ok: false, message, setting} from the core's own validation.
val check_config(const val& config, int training_samples) {
  val result = val::object();
  try {
    const train::TrainConfig c = config_from_js(config);
    train::validate(c, training_samples);
    train::architecture_of(c, nn::Shape{1, data::kDigitSide, data::kDigitSide}, 10);
    result.set("ok", true);
  } catch (const train::ConfigError& error) {
    result.set("ok", false);
    result.set("message", std::string(error.what()));
    result.set("setting", error.setting());
  }
  return result;
}

std::string describe_config(const val& config) {
  return guarded([&] { return train::describe(config_from_js(config)); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nn_core) {
  using emscripten::class_;
  using emscripten::function;

  class_<ByteBuffer>("ByteBuffer")
      .constructor<double>()
      .function("view", &ByteBuffer::view)
      .function("size", &ByteBuffer::size);

  class_<JsSession>("Session")
      .constructor<>()
      .function("setData", &JsSession::set_data)
      .function("limitTraining", &JsSession::limit_training)
      .function("setTestEveryEpoch", &JsSession::set_test_every_epoch)
      .function("start", &JsSession::start)
      .function("step", &JsSession::step)
      .function("stepLosses", &JsSession::step_losses)
      .function("lastEpoch", &JsSession::last_epoch)
      .function("testResult", &JsSession::test_result)
      .function("confusion", &JsSession::confusion)
      .function("mistakes", &JsSession::mistakes)
      .function("mistakeConfidences", &JsSession::mistake_confidences)
      .function("testImage", &JsSession::test_image)
      .function("phase", &JsSession::phase)
      .function("divergence", &JsSession::divergence)
      .function("stop", &JsSession::stop)
      .function("evaluateCurrent", &JsSession::evaluate_current)
      .function("hasNetwork", &JsSession::has_network)
      .function("architecture", &JsSession::architecture)
      .function("loadModel", &JsSession::load_model)
      .function("saveModel", &JsSession::save_model)
      .function("exportOnnx", &JsSession::export_onnx)
      .function("exportSafetensors", &JsSession::export_safetensors)
      .function("weights", &JsSession::weights)
      .function("filters", &JsSession::filters)
      .function("classify", &JsSession::classify)
      .function("classifyImage", &JsSession::classify_image)
      .function("probabilities", &JsSession::probabilities)
      .function("digitImage", &JsSession::digit_image)
      .function("layerOutput", &JsSession::layer_output)
      .function("batchSamples", &JsSession::batch_samples)
      .function("fineTune", &JsSession::fine_tune)
      .function("trainCount", &JsSession::train_count)
      .function("runTrainCount", &JsSession::run_train_count)
      .function("validationCount", &JsSession::validation_count)
      .function("testCount", &JsSession::test_count);

  function("presetConfig", &preset_config);
  function("fineTuneConfig", &fine_tune_config);
  function("presetNames", &preset_names);
  function("checkConfig", &check_config);
  function("describeConfig", &describe_config);
}
