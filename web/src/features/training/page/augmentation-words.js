// What the strip of training images says about the run's augmentation (TrainConfig.augment, read
// as cpp/data/augment.h reads it: 'none', 'all', or kinds joined by commas). Pure, no DOM.

/** What each kind does to an image, in the order 'all' lists them. */
const KINDS = {
  affine: 'shifted, turned, scaled and sheared',
  elastic: 'warped like a rubber sheet',
  thickness: 'its strokes made thinner or bolder',
};

/**
 * @param {unknown} augment  the run's (or the form's) augment setting
 * @returns {{name: string, detail: string}}  e.g. {name: 'affine', detail: 'each image shifted,
 *   turned, scaled and sheared afresh'}; name 'none' when the images are shown as they are
 */
export function augmentationWords(augment) {
  const asked = String(augment ?? 'none')
    .split(',')
    .map((kind) => kind.trim().toLowerCase())
    .filter((kind) => kind !== '' && kind !== 'none');
  const kinds = asked.includes('all')
    ? Object.keys(KINDS)
    : Object.keys(KINDS).filter((kind) => asked.includes(kind));
  if (kinds.length === 0) return { name: 'none', detail: 'the training images as they are' };
  const actions = kinds.map((kind) => KINDS[/** @type {keyof typeof KINDS} */ (kind)]);
  const list = actions.length > 1 ? `${actions.slice(0, -1).join(', ')} and ${actions.at(-1)}` : actions[0];
  return { name: kinds.join(', '), detail: `each image ${list}, afresh in every batch` };
}
