// The JavaScript API of the wasm module (build/wasm/nn.js + nn.wasm), as bound in bindings.cpp.
// Errors thrown by the core arrive as JS Errors with the core's message; configuration errors
// also carry `setting`, the field's key (learning_rate, batch_size, hidden, ...).
// Typed arrays returned by methods are views into wasm memory: copy them (.slice()) at once,
// since the next call, or a growth of memory, may change or detach them.

export interface TrainConfig {
  preset?: string;
  hidden?: number[];
  activation?: 'sigmoid' | 'relu' | 'tanh';
  output?: 'sigmoid' | 'softmax';
  loss?: 'mse' | 'cross-entropy';
  init?: 'uniform' | 'xavier' | 'he';
  optimizer?: 'sgd' | 'momentum' | 'adam';
  learningRate?: number;
  momentum?: number;
  weightDecay?: number;
  schedule?: 'constant' | 'cosine';
  batchSize?: number;
  epochs?: number;
  seed?: number;
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

export interface Architecture {
  sizes: number[];
  hiddenActivation: string;
  outputActivation: string;
  loss: string;
  description: string;          // "784-128-10 relu/softmax cross-entropy"
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
  weights(layer: number): Float32Array; // column-major: unit j's weight from input k at j + k*units

  /** Preprocesses a drawing the MNIST way and classifies it; ink is one byte per pixel, stride apart. */
  classify(ink: ByteBuffer, width: number, height: number, stride: number): { empty: boolean; digit: number };
  /** Classifies a 28 x 28 uint8 image at a byte offset, without preprocessing. */
  classifyImage(image: ByteBuffer, offset: number): { empty: boolean; digit: number };
  probabilities(): Float32Array;        // of the last classification
  digitImage(): Uint8Array;             // the 28 x 28 image it saw
  layerOutput(layer: number): Float32Array | null;
  delete(): void;
}

export interface NnModule {
  ByteBuffer: typeof ByteBuffer;
  Session: typeof Session;
  presetNames(): string[];
  presetConfig(name: string): Required<TrainConfig>;
  checkConfig(config: TrainConfig, trainingSamples: number): { ok: boolean; message?: string; setting?: string };
  describeConfig(config: TrainConfig): string;
}

export default function createNnModule(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}): Promise<NnModule>;
