// The JavaScript API of the wasm module (build/wasm/nn.js + nn.wasm), as bound in bindings.cpp.
// Errors thrown by the core arrive as JS Errors with the core's message; configuration errors
// also carry `setting`, the field's key (learning_rate, batch_size, hidden, ...).
// Typed arrays returned by methods are views into wasm memory: copy them (.slice()) at once,
// since the next call, or a growth of memory, may change or detach them.

export interface TrainConfig {
  preset?: string;
  hidden?: number[];            // hidden layer sizes: sugar for "fc" layers, after `layers`'s
  /** The hidden layers as a list (empty for an MLP), e.g. 'conv5x6,pool,conv5x16,pool,fc120,fc84':
   *  conv<k>x<filters>[:same|:valid][:ACT], pool (2x2 max), flatten (implied before the first fc
   *  after conv/pool), fc<units>[:ACT]; ACT is relu, tanh or sigmoid (default: `activation`). */
  layers?: string;
  activation?: 'sigmoid' | 'relu' | 'tanh';
  output?: 'sigmoid' | 'softmax';
  loss?: 'mse' | 'cross-entropy';
  init?: 'uniform' | 'xavier' | 'he';
  optimizer?: 'sgd' | 'momentum' | 'adam';
  learningRate?: number;
  momentum?: number;
  weightDecay?: number;
  schedule?: 'constant' | 'cosine';
  /** Distortions of the training images, drawn afresh for every sample of every batch:
   *  'none', 'all', or any of 'affine' (shift, rotation, scale, shear), 'elastic' (Simard 2003)
   *  and 'thickness' (thinner or bolder strokes) joined by commas, e.g. 'affine,thickness'.
   *  Presets: 'none' for seed and seed-ce, 'affine' for mlp. Needs square images. The page can
   *  show what it does with Session.batchSamples. */
  augment?: string;
  batchSize?: number;
  epochs?: number;
  seed?: number;
  /** Leave the convolution layers as they are while the rest learns (fine-tuning a CNN); a
   *  network without convolutions refuses it (setting 'freeze_convolutions'). */
  freezeConvolutions?: boolean;
}

export type Phase = 'idle' | 'training' | 'validating' | 'testing' | 'done' | 'diverged';

export interface StepReport {
  phase: Phase;
  epoch: number;            // 1-based
  batch: number;
  batchesPerEpoch: number;
  batchesTrained: number;   // in this step; their losses are in stepLosses()
  samplesTrained: number;
  epochFinished: boolean;   // lastEpoch() is new
  finished: boolean;        // testResult() is new
}

export interface EpochSummary {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
  testLoss: number | null;      // when the test set was evaluated after this epoch
  testAccuracy: number | null;
}

/** One sample's values at a layer boundary; stored channel by channel, row by row (CHW). */
export interface Shape {
  channels: number;
  height: number;
  width: number;
}

export interface LayerInfo {
  kind: 'dense' | 'conv2d' | 'maxpool' | 'flatten';
  input: Shape;
  output: Shape;                 // a dense layer's is {channels: units, height: 1, width: 1}
  activation: 'sigmoid' | 'relu' | 'tanh' | 'softmax' | null;  // null: pooling, flatten
  parameters: number;            // weights and biases
  units?: number;                // dense
  filters?: number;              // conv2d
  kernel?: number;               // conv2d: k of its k x k kernels (stride 1)
  padding?: 'valid' | 'same';    // conv2d
}

export interface Architecture {
  sizes: number[];               // values per sample at the input and after each layer: 784-128-10
  input: Shape;                  // {784, 1, 1} for an MLP, {1, 28, 28} for a CNN
  layers: LayerInfo[];           // in order; the last is the dense output layer
  hiddenActivation: string;      // of the first hidden layer with weights ('none' without one)
  outputActivation: string;
  loss: string;
  parameterCount: number;
  description: string;           // "784-128-10 relu/softmax cross-entropy"
}

/** Bytes in wasm memory: fill view() from JS, then hand the buffer to the core. */
export declare class ByteBuffer {
  constructor(size: number);    // 0 .. 256 MiB
  view(): Uint8Array;
  size(): number;
  delete(): void;
}

/** Data, the current network and the training run (cpp/train/session.h). */
export declare class Session {
  constructor();
  /** Parses four IDX files (takes the image buffers' bytes over). Throws on bad files and on
   *  images that are not 28 x 28 (drawings are read at that size). */
  setData(trainImages: ByteBuffer, trainLabels: ByteBuffer, testImages: ByteBuffer, testLabels: ByteBuffer): void;
  limitTraining(samples: number): void;
  setTestEveryEpoch(enabled: boolean): void;
  trainCount(): number;
  validationCount(): number;
  testCount(): number;

  start(config: TrainConfig): void;
  /** About sampleBudget samples' worth of work: training batches, or a chunk of evaluation. */
  step(sampleBudget: number): StepReport;
  stepLosses(): Float32Array;
  /** Fine-tunes the current model on a person's digits, an IDX image file (28 x 28) and its label
   *  file, mixed with `mix` MNIST training digits per digit of theirs (0 to 100): each class's
   *  every 5th digit is held out and validated on every epoch; the last epoch tests MNIST. Needs
   *  at least 5 of each digit (the error says how many more). Throws with `setting` 'mix' for a
   *  bad mix. Returns the accuracies (0..1) before anything changed. */
  fineTune(
    config: TrainConfig,
    images: ByteBuffer,
    labels: ByteBuffer,
    mix: number,
  ): { heldOutBefore: number; mnistBefore: number; trainDigits: number; heldOutDigits: number };
  /** Samples per epoch of the run in progress (the mixed set when fine-tuning). */
  runTrainCount(): number;
  /** Up to maxCount images of the last trained batch as the network saw them (distorted when the
   *  run augments): images is count x 784 bytes (28 x 28, row-major, 0 paper .. 255 ink), labels
   *  count bytes. Copy both at once. count is 0 before the first batch and without a run. */
  batchSamples(maxCount: number): { count: number; images: Uint8Array; labels: Uint8Array };
  lastEpoch(): EpochSummary | null;
  phase(): Phase;
  divergence(): string;
  stop(): void;
  evaluateCurrent(): void;
  testResult(): { count: number; correct: number; accuracy: number; loss: number; classes: number };
  confusion(): Int32Array;              // classes x classes, row = true label
  mistakes(): Int32Array;               // [index, label, predicted] per misclassified test image
  mistakeConfidences(): Float32Array;   // after mistakes()
  testImage(index: number): Uint8Array; // 28 x 28

  hasNetwork(): boolean;
  architecture(): Architecture | null;
  /** Replaces the model with a model file's (see README, "Model files"); returns its metadata. */
  loadModel(file: ByteBuffer): string;
  saveModel(metadataJson: string): Uint8Array;
  /** The model as ONNX (README, "Models outside the page"), with the metadata its model file
   *  carries: byte for byte what `mnist-train --load FILE --export-onnx OUT` writes for that file.
   *  Throws, naming what is not supported, for a model ONNX cannot express. */
  exportOnnx(metadataJson: string): Uint8Array;
  /** The weights as safetensors, the layer list in its metadata (to rebuild it in PyTorch). */
  exportSafetensors(metadataJson: string): Uint8Array;
  /** Layer `layer`'s weights as stored (valid until the next training step): a dense layer's are
   *  column-major, unit j's weight from input k at j + k*units; a conv2d layer's are
   *  [filters][channels][k][k] (ONNX's OIHW). Empty for pooling and flatten. Throws for a layer
   *  index out of range. For an MLP, layer i is its i-th weight layer. */
  weights(layer: number): Float32Array;
  /** The first convolution's filters, or null for a model without one: values are
   *  [filters][channels][k][k] as `shape` says, e.g. [6, 1, 5, 5] for the cnn preset. */
  filters(): { layer: number; shape: number[]; values: Float32Array } | null;

  /** Preprocesses a drawing the MNIST way and classifies it; ink is one byte per pixel, stride apart.
   *  The preprocessing scales the ink's box to 20 px (one scale for both axes), matches the strokes'
   *  width to MNIST's (a digit drawn small with a fixed-width pen is redrawn thinner) and centres
   *  it by its centre of mass; digitImage() is the result. */
  classify(ink: ByteBuffer, width: number, height: number, stride: number): { empty: boolean; digit: number };
  /** Classifies a 28 x 28 uint8 image at a byte offset, without preprocessing. */
  classifyImage(image: ByteBuffer, offset: number): { empty: boolean; digit: number };
  probabilities(): Float32Array;        // of the last classification
  digitImage(): Uint8Array;             // the 28 x 28 image it saw
  /** What layer `layer` output for the last classified drawing or image: a dense layer's units,
   *  or a conv2d or pooling layer's feature maps in CHW order (shape architecture().layers[layer].output;
   *  channel c's map of height x width starts at c*height*width). null before a classification. */
  layerOutput(layer: number): Float32Array | null;
  delete(): void;
}

export interface NnModule {
  /** The module's memory, as bytes. Its length is the memory's size; a view made before the
   *  memory grows is detached afterwards (make views at the moment of use). */
  HEAPU8: Uint8Array;
  ByteBuffer: typeof ByteBuffer;
  Session: typeof Session;
  presetNames(): string[];
  presetConfig(name: string): Required<TrainConfig>;
  /** What fine-tuning starts from: Adam 1e-3 constant, batch 32, 10 epochs, seed 1. */
  fineTuneConfig(): Required<TrainConfig>;
  checkConfig(config: TrainConfig, trainingSamples: number): { ok: boolean; message?: string; setting?: string };
  describeConfig(config: TrainConfig): string;
}

export default function createNnModule(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}): Promise<NnModule>;
