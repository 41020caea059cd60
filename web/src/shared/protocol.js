// The messages between the page (src/page) and the training worker (src/worker).
// Every message is a plain object {type, ...}; the types are named here once and both sides
// import them. Big payloads (losses, images, model files) travel as transferred ArrayBuffers.

/** Page -> worker. */
export const ToWorker = Object.freeze({
  /** Load the wasm module, the pretrained model and the MNIST files.
   *  {type, dataUrl: string (folder of the *.gz IDX files), modelUrl: string|null} */
  INIT: 'init',
  /** Check a configuration with the core's own rules; answered by CONFIG_CHECKED.
   *  {type, requestId: number, config: TrainConfig} */
  CHECK_CONFIG: 'check-config',
  /** Start a new run with a fresh network (replaces any run in progress).
   *  {type, config: TrainConfig, requestId?: number} (a refusal is an ERROR with that requestId) */
  START: 'start',
  /** Pause the run after the current slice (within about 50 ms). {type} */
  PAUSE: 'pause',
  /** Resume a paused run. {type} */
  RESUME: 'resume',
  /** Stop the run and go back to the state before Start (the pretrained model, if any). {type} */
  RESET: 'reset',
  /** Classify a drawing. {type, requestId, width, height, ink: ArrayBuffer (width*height bytes,
   *  0 = paper, 255 = full ink), transferred} */
  PREDICT: 'predict',
  /** Ask for the current model as a model file; answered by MODEL_FILE. {type, requestId} */
  SAVE_MODEL: 'save-model',
  /** Use an uploaded model file. {type, requestId, bytes: ArrayBuffer (transferred), name: string}
   *  Answered by MODEL (then an EVALUATION of it on the test set, when data is loaded) or by an
   *  ERROR with the requestId; a refused file leaves the current model in place. */
  LOAD_MODEL: 'load-model',
  /** Switch back to the pretrained model and forget the kept one; refused (ERROR with the
   *  requestId) during a run. {type, requestId?} */
  USE_PRETRAINED: 'use-pretrained',
  /** Evaluate the current model on the test set; answered by EVALUATION. {type, requestId} */
  EVALUATE: 'evaluate',
  /** Stream the first layer's weights (WEIGHTS) while enabled: at once, then at most every 250 ms
   *  while training, and whenever the model changes. {type, enabled: boolean} */
  WATCH_WEIGHTS: 'watch-weights',
  /** Cap the training speed so people can watch it learn; null for full speed.
   *  {type, samplesPerSecond: number | null} */
  SET_SPEED: 'set-speed',
  /** Replace the data with the user's own IDX files (28 x 28 images, labels 0-9, gzip or not), or
   *  go back to MNIST. {type, requestId, name: string, files: {trainImages, trainLabels,
   *  testImages, testLabels} (ArrayBuffers, transferred)} or {type, requestId, builtin: 'mnist'}.
   *  Answered by DATA_READY or by an ERROR with the requestId (the current data is kept). */
  LOAD_DATASET: 'load-dataset',
  /** Also in SAVE_MODEL: {classNames?: string[]} is stored in the file's metadata. */
});

/** Worker -> page. */
export const FromWorker = Object.freeze({
  /** The worker's state changed. {type, state: State, message?: string} */
  STATE: 'state',
  /** The presets, from the core (the one place they are defined), sent once the module loads.
   *  {type, presets: {[name: string]: TrainConfig}} */
  PRESETS: 'presets',
  /** Download progress of the MNIST files. {type, loaded: number, total: number} (bytes) */
  DATA_PROGRESS: 'data-progress',
  /** The data is parsed. {type, name: string ('MNIST' or the user's), train: number,
   *  validation: number, test: number (sample counts), classes: number,
   *  wasmHeapBytes: number (the module's memory; it never shrinks)} */
  DATA_READY: 'data-ready',
  /** The active model changed. {type, model: ModelInfo} */
  MODEL: 'model',
  /** Answer to CHECK_CONFIG. {type, requestId, ok: boolean, message?: string, setting?: string} */
  CONFIG_CHECKED: 'config-checked',
  /** Training progress, once per slice. {type, phase ('training' | 'validating' | 'testing' |
   *  'done' | 'diverged'), epoch, batch, batchesPerEpoch, epochs,
   *  losses: Float32Array (per batch since the last progress), samplesPerSecond, elapsedSeconds,
   *  remainingSeconds, wasmHeapBytes} */
  PROGRESS: 'progress',
  /** An epoch finished. {type, epoch, trainLoss, valLoss, valAccuracy (0..1), seconds} */
  EPOCH: 'epoch',
  /** The run finished and the test set was evaluated. {type, seconds, ...Evaluation} */
  DONE: 'done',
  /** Answer to EVALUATE (and sent after LOAD_MODEL): {type, requestId?, ...Evaluation} */
  EVALUATION: 'evaluation',
  /** First-layer weights for the weight tiles. {type, units, inputs, weights: Float32Array
   *  (units x inputs, row-major: unit j's 784 weights at j*inputs; at most 256 units are sent),
   *  totalUnits: the layer's size} */
  WEIGHTS: 'weights',
  /** Answer to PREDICT. {type, requestId, empty: boolean, digit: number (-1 if empty),
   *  probabilities: Float32Array, image: Uint8Array (28*28, what the network saw),
   *  hidden: Float32Array | null (the first hidden layer's activations; null without one),
   *  message?: string (why there is no answer, e.g. no model yet)} */
  PREDICTION: 'prediction',
  /** Answer to SAVE_MODEL. {type, requestId, bytes: ArrayBuffer, fileName: string} */
  MODEL_FILE: 'model-file',
  /** Something failed. {type, message: string, requestId?: number, setting?: string,
   *  fatal: boolean, diverged?: true}
   *  fatal: the worker cannot continue; the page must reset it (terminate and create a new one).
   *  A failed data load is not fatal (drawings still work), but the state becomes ERROR. */
  ERROR: 'error',
});

/** The states the page shows (data-state of the status element). */
export const State = Object.freeze({
  LOADING: 'loading',
  READY: 'ready',
  TRAINING: 'training',
  PAUSED: 'paused',
  DONE: 'done',
  ERROR: 'error',
});

/**
 * A training configuration as it crosses to the core (see cpp/train/config.h for the meaning and
 * bounds of each field; the core validates every field).
 * @typedef {object} TrainConfig
 * @property {string} preset         'seed' | 'seed-ce' | 'mlp', or a label ('mlp (modified)')
 * @property {number[]} hidden       hidden layer sizes, e.g. [128]
 * @property {string} activation     'sigmoid' | 'relu' | 'tanh'
 * @property {string} output         'sigmoid' | 'softmax'
 * @property {string} loss           'mse' | 'cross-entropy'
 * @property {string} init           'uniform' | 'xavier' | 'he'
 * @property {string} optimizer      'sgd' | 'momentum' | 'adam'
 * @property {number} learningRate
 * @property {number} momentum
 * @property {number} weightDecay
 * @property {string} schedule       'constant' | 'cosine'
 * @property {number} batchSize
 * @property {number} epochs
 * @property {number} seed           0 .. 2^32-1
 */

/**
 * The test-set evaluation of a model (part of DONE and EVALUATION).
 * @typedef {object} Evaluation
 * @property {number} testAccuracy   0..1
 * @property {number} testLoss
 * @property {number} classes
 * @property {Int32Array} confusion  classes x classes, row-major, row = true label
 * @property {Int32Array} mistakes   [testIndex, label, predicted] per shown mistake, the most
 *                                   confident mistakes first (at most 60)
 * @property {Float32Array} confidences  the network's output for each mistake's prediction
 * @property {Uint8Array} images     28*28 bytes per mistake, in the same order
 */

/**
 * The active model, as the page describes it.
 * @typedef {object} ModelInfo
 * @property {'none'|'pretrained'|'trained'|'uploaded'} source
 * @property {string} description    e.g. "784-128-10 relu/softmax cross-entropy"
 * @property {number[]} sizes
 * @property {string|null} preset    the preset it was trained with, when known
 * @property {number|null} epochs    epochs trained, when known
 * @property {number|null} testAccuracy  0..1, when known
 * @property {string} name           a short label: "pretrained mlp", "trained here: mlp, 3 epochs"
 * @property {string[]|null} classNames  from an uploaded file's metadata, when it has them
 * @property {string|null} fileName  the uploaded file's name, for uploaded models
 * @property {boolean} kept           true when restored from this browser's storage (IndexedDB)
 */
