// Feeds the page's strip of training images: a dozen images of the batch just trained, as the
// network saw them (distorted when the run augments), at most every INTERVAL_MS while a run
// trains. A dozen 28 x 28 images is 9 KB: cheap, but not worth sending every 40 ms slice.
import { worker } from '../../../lib/worker/context.js';
import { emit } from '../../../lib/worker/serve.js';
import { SAMPLE_COUNT } from '../shared/contract.js';

const INTERVAL_MS = 500;

let lastSent = -Infinity;

/** A new run: its first batch goes at once. */
export function resetBatchSamples() {
  lastSent = -Infinity;
}

/** During a run: the current batch's images, unless some went less than INTERVAL_MS ago. */
export function maybeSendBatchSamples() {
  if (performance.now() - lastSent >= INTERVAL_MS) sendBatchSamples();
}

/** The current batch's images now. */
function sendBatchSamples() {
  const { run, session } = worker;
  if (!run) return;
  const samples = session.batchSamples(SAMPLE_COUNT);
  if (samples.count === 0) return;
  const images = samples.images.slice(); // views into wasm memory: copied before the next call
  const labels = samples.labels.slice();
  lastSent = performance.now();
  emit(
    'batch-samples',
    { count: samples.count, images, labels, augment: String(run.config.augment ?? 'none') },
    [images.buffer, labels.buffer],
  );
}
