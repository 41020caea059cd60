// What the page and the worker say about training. Calls (answered by features/training/worker):
//   check-config {config}  -> {ok, message?, setting?, description?}  the core's verdict
//   start {config, classNames?} -> {}  a new run with a fresh network (refused with the core's
//                                        message, and `setting` naming the field, when invalid)
//   pause {} / resume {} / reset {} -> {}   reset also brings back the model from before the run
//   set-speed {samplesPerSecond: number | null} -> {}  a watchable cap, or full speed
// Events: progress (once per slice of about 40 ms), epoch, done, diverged, batch-samples (at most
// twice a second during a run); the state changes as 'state' (protocol.js).

/** Images of the current batch the strip shows ("what the network sees"). */
export const SAMPLE_COUNT = 12;

/**
 * A training configuration as it crosses to the core (cpp/train/config.h gives each field's
 * meaning and bounds; the core checks them all). Presets may carry fields this page does not
 * know yet (a CNN's `layers`, say): they pass through untouched.
 * @typedef {import('../../../../../cpp/wasm/nn').TrainConfig & {preset: string} & Record<string, unknown>} TrainConfig
 */

/**
 * @typedef {object} Progress  once per slice while a run trains
 * @property {import('../../../../../cpp/wasm/nn').Phase} phase
 * @property {number} epoch            1-based
 * @property {number} batch            batches done in this epoch
 * @property {number} batchesPerEpoch
 * @property {number} epochs
 * @property {Float32Array} losses     per batch since the last progress (transferred)
 * @property {number} samplesPerSecond the slice's training speed (the cap's pace when capped)
 * @property {number} elapsedSeconds   since Start, without the time spent paused
 * @property {number | null} remainingSeconds
 * @property {number} wasmHeapBytes    the module's memory (it never shrinks)
 */

/**
 * @typedef {object} Epoch  an epoch finished (the worker tests the model after every epoch)
 * @property {number} epoch
 * @property {number} trainLoss
 * @property {number} valLoss
 * @property {number} valAccuracy      0..1
 * @property {number | null} testAccuracy  0..1
 * @property {number | null} testLoss
 * @property {number} seconds          elapsed since Start
 */

/**
 * @typedef {object} Done  the run finished; the test set's evaluation follows as 'evaluation'
 * @property {number} seconds
 * @property {number} testAccuracy
 * @property {number} testLoss
 */

/**
 * @typedef {object} BatchSamples  images of the batch just trained, as the network saw them
 * @property {number} count           at most SAMPLE_COUNT
 * @property {Uint8Array} images      count x 784 bytes (28 x 28, row-major, 0 paper .. 255 ink)
 * @property {Uint8Array} labels      count labels
 * @property {string} augment         the run's augmentation: 'none', 'all' or e.g. 'affine,thickness'
 */

/**
 * @typedef {object} RunBegun  a run another feature started in the worker (Teach it), so the
 *   page charts it as a run of its own; Start's runs are begun by the page itself
 * @property {TrainConfig} config
 * @property {{digits: number, base: string}} fineTuned  what it fine-tunes: your digits, the model
 */

/**
 * @typedef {object} TrainingEvents
 * @property {RunBegun} run-begun
 * @property {Progress} progress
 * @property {Epoch} epoch
 * @property {Done} done
 * @property {{message: string}} diverged  the run stopped; the weights are rolled back to the
 *   last finite ones and the state becomes error with this message
 * @property {BatchSamples} batch-samples
 */

export {};
