// When to train the shipped model again: the stamp kept beside it names everything the model is
// made from — the trainer's arguments, the trainer itself (a digest of its bytes, so a trainer
// relinked to the same bytes, after a comment changed, keeps the model, and any change to the
// core or the compiler's flags that changes the binary trains afresh) and the MNIST files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const digest = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * The stamp of a model trained by `trainer` with `args` on `dataFiles`, one input a line.
 * @param {{args: string[], trainer: string, dataFiles: string[]}} inputs
 * @returns {string}
 */
export function pretrainedStamp({ args, trainer, dataFiles }) {
  const data = createHash('sha256');
  for (const file of dataFiles) data.update(digest(file));
  return [`args ${args.join(' ')}`, `trainer ${digest(trainer)}`, `data ${data.digest('hex')}`, ''].join(
    '\n',
  );
}

/**
 * Why the model must be trained again ('' when `stampFile` says it was made from `stamp` and
 * `model` is there): the first input that differs.
 * @param {string} model
 * @param {string} stampFile
 * @param {string} stamp
 */
export function retrainReason(model, stampFile, stamp) {
  if (!fs.existsSync(model)) return 'no model yet';
  if (!fs.existsSync(stampFile)) return 'no record of its inputs';
  const kept = fs.readFileSync(stampFile, 'utf8').split('\n');
  const wanted = stamp.split('\n');
  const changed = wanted.find((line, i) => line !== kept[i]);
  return changed === undefined ? '' : `its ${changed.split(' ')[0]} changed`;
}

/** The stamp's file, beside the model. */
export function stampFileOf(/** @type {string} */ model) {
  return path.join(path.dirname(model), 'inputs.txt');
}
