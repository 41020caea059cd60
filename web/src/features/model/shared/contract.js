// What the page and the worker say about the active model (the one the pad uses). Calls:
//   save-model {classNames?, format?} -> {bytes: ArrayBuffer, fileName}  the model as a file:
//                                                       ours (.nnmf, the default) or ONNX (.onnx)
//   load-model {bytes: ArrayBuffer, name} -> ModelInfo  an uploaded file (refused with the core's
//                                                       reason; the current model is kept)
//   use-pretrained {} -> ModelInfo                       back to the model shipped with the site
// Event: model {model, pretrained}, whenever the active model changes.

/** Model files larger than this are refused on both sides (the page before reading one). */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/**
 * @typedef {'none' | 'pretrained' | 'trained' | 'uploaded'} ModelSource
 */

/** The files a model is saved as: ours, which uploads back, and ONNX, for elsewhere. */
/** @typedef {'nnmf' | 'onnx'} ModelFormat */

/**
 * The active model, as the page describes it.
 * @typedef {object} ModelInfo
 * @property {ModelSource} source
 * @property {string} description    the architecture, e.g. "784-128-10 relu/softmax cross-entropy"
 * @property {number[]} sizes        layer sizes, input first
 * @property {string | null} preset the preset it was trained with, when known
 * @property {number | null} epochs  epochs trained, when known
 * @property {number | null} testAccuracy  0..1 on its dataset's test set, when known
 * @property {number | null} drawnAccuracy  0..1 on MNIST's test digits drawn on the pad as people
 *   draw (the trainer's --robustness figure, robustness_accuracy in the file), when known
 * @property {'convolutional' | 'fully connected' | ''} kind  '' without a network
 * @property {string | null} augment the augmentation it was trained with, when known
 * @property {string | null} dataset what it was trained on ('MNIST', 'Fashion-MNIST', ...)
 * @property {string[] | null} classNames  the names of its classes, when it carries them
 * @property {Record<string, unknown> | null} config  the settings it was trained with, when known
 * @property {string | null} fileName      the uploaded file's name
 * @property {{digits: number, base: string} | null} [fineTuned]  fine-tuned here on that many of
 *   your digits (features/teach), from the model named `base`
 * @property {boolean} kept          restored from this browser's storage (IndexedDB)
 * @property {string} name           a short label: "pretrained mlp, 3 epochs, 97.24% test accuracy"
 */

/**
 * @typedef {object} ModelEvents
 * @property {{model: ModelInfo, pretrained: {available: boolean, problem: string}}} model
 *   the active model changed; `pretrained` says whether "use pretrained" can work, and why not
 */

export {};
