// What the page and the worker say about the data. Call:
//   load-dataset {builtin: 'mnist'} | {name, files: IdxFiles} -> DataInfo   the user's four IDX
//     files (transferred), or MNIST again; cancellable; on failure the current data is kept
// Events: data-progress while MNIST downloads, data-ready when data is parsed (also the first).

/** The four files of a dataset, by role. */
export const ROLES = /** @type {const} */ (['trainImages', 'trainLabels', 'testImages', 'testLabels']);

/** @typedef {(typeof ROLES)[number]} Role */

/** @type {Readonly<Record<Role, string>>} */
export const ROLE_NAMES = Object.freeze({
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
});

/** Larger files are refused on both sides (the page before reading them). */
export const MAX_DATA_FILE_BYTES = 128 * 1024 * 1024;

/** @typedef {Record<Role, ArrayBuffer>} IdxFiles */

/**
 * @typedef {object} DataInfo  the data in use
 * @property {string} name          'MNIST' or the user's dataset's
 * @property {number} train         sample counts
 * @property {number} validation
 * @property {number} test
 * @property {number} classes
 * @property {number} wasmHeapBytes the module's memory (it never shrinks)
 */

/**
 * @typedef {object} DatasetEvents
 * @property {{loaded: number, total: number}} data-progress  bytes of MNIST downloaded
 * @property {DataInfo} data-ready
 */

export {};
