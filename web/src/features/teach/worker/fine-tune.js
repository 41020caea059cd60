// Fine-tunes the active model on your digits, as a run like any other (features/training drives
// it: progress, epochs, Pause, Reset, the model it settles on); the core splits off the held-out
// digits, mixes in MNIST training digits and measures before and after (cpp/train/fine_tune.h).
import { running, worker } from '../../../lib/worker/context.js';
import { emit, exclusive } from '../../../lib/worker/serve.js';
import { currentModel, rememberBaseModel } from '../../model/worker/models.js';
import { beginRun } from '../../training/worker/training.js';

/** Copies bytes into wasm memory once. */
function byteBuffer(/** @type {ArrayBuffer} */ bytes) {
  const buffer = new worker.nn.ByteBuffer(bytes.byteLength);
  buffer.view().set(new Uint8Array(bytes));
  return buffer;
}

/**
 * fine-tune: your digits (an IDX pair) -> the accuracies before; the run then goes on as any.
 * @param {{images: ArrayBuffer, labels: ArrayBuffer, mix: number, freezeConvolutions?: boolean,
 *   augment?: boolean}} request
 * @returns {import('../shared/contract.js').FineTuneStart}
 */
function fineTune({ images, labels, mix, freezeConvolutions, augment }) {
  const { nn, session } = worker;
  if (running()) throw new Error('a run is in progress: let it finish or Reset it first');
  if (!worker.dataName) throw new Error('the data is still loading: try again when it is ready');
  if (worker.dataName !== 'MNIST') {
    throw new Error('teaching mixes in MNIST digits: load MNIST again (in the data panel) first');
  }
  if (!session.hasNetwork()) throw new Error('there is no model to teach yet: train or load one');
  if (!(images instanceof ArrayBuffer) || !(labels instanceof ArrayBuffer)) throw new Error('no digits sent');
  const base = currentModel();
  const config = {
    ...nn.fineTuneConfig(),
    freezeConvolutions: Boolean(freezeConvolutions),
    augment: augment ? 'affine' : 'none', // the core distorts your digits only, not MNIST's
  };
  const imageBuffer = byteBuffer(images);
  const labelBuffer = byteBuffer(labels);
  rememberBaseModel(); // Reset brings back the model from before
  let before;
  try {
    before = session.fineTune(config, imageBuffer, labelBuffer, Number(mix));
  } finally {
    imageBuffer.delete();
    labelBuffer.delete();
  }
  const digits = before.trainDigits;
  beginRun(
    config,
    { dataset: 'MNIST', classNames: null, fineTuned: { digits, base: base?.name ?? 'a model' } },
    () => {
      const last = session.lastEpoch();
      emit('fine-tuned', {
        ...before,
        heldOutAfter: last ? last.valAccuracy : 0,
        mnistAfter: session.testResult().accuracy,
      });
    },
  );
  return before;
}

export const teachHandlers = { 'fine-tune': exclusive(fineTune) };
