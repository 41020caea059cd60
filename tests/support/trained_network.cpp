#include "support/trained_network.h"

#include "nn/init.h"
#include "support/mnist_fixture.h"
#include "train/trainer.h"

namespace test_support {

nn::Network train_on_mnist(const train::TrainConfig& config, int samples) {
  const data::Dataset& training_file = mnist_training_file();
  nn::Network network(train::architecture_of(
      config, nn::Shape{1, training_file.rows, training_file.cols}, training_file.classes));
  nn::initialize(network, config.init, config.seed);
  train::Trainer trainer(network, data::view(training_file, 0, samples), config);
  while (!trainer.finished()) {
    trainer.train_batches(trainer.batches_per_epoch());
    trainer.next_epoch();
  }
  return network;
}

train::TrainConfig diverging_config() {
  train::TrainConfig config;
  config.hidden = {32, 32, 32, 32, 32};
  config.activation = nn::Activation::Relu;
  config.output = nn::Activation::Softmax;
  config.loss = nn::Loss::CrossEntropy;
  config.optimizer = nn::OptimizerKind::Sgd;
  config.init = nn::Init::He;
  config.learning_rate = 100.0f;
  config.batch_size = 4;
  config.epochs = 1;
  return config;
}

}  // namespace test_support
