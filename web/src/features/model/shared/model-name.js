// The one rule that names a model, for the worker (the name kept with it) and the page (the
// model panel, the line over the pad). Pure, no DOM.
import { percent } from '../../../lib/shared/format.js';

/**
 * @param {Pick<import('./contract.js').ModelInfo, 'source' | 'preset' | 'epochs' | 'testAccuracy'
 *   | 'dataset' | 'fileName'> & Partial<Pick<import('./contract.js').ModelInfo, 'fineTuned'>>} info
 */
export function modelName(info) {
  const other = info.dataset && info.dataset !== 'MNIST' ? ` on ${info.dataset}` : '';
  const accuracy = info.testAccuracy == null ? '' : `, ${percent(info.testAccuracy)} test accuracy`;
  const epochs = info.epochs ? `, ${info.epochs} epoch${info.epochs === 1 ? '' : 's'}` : '';
  if (info.fineTuned && info.source !== 'none') {
    // The base's name up to its figures: "pretrained cnn", "trained here: mlp".
    const base = String(info.fineTuned.base).split(',')[0] || 'a model';
    return `fine-tuned on ${info.fineTuned.digits} of your digits from ${base}${epochs}${accuracy}`;
  }
  switch (info.source) {
    case 'pretrained':
      return `pretrained ${info.preset ?? 'model'}${epochs}${accuracy}`;
    case 'trained':
      return info.epochs
        ? `trained here${other}: ${info.preset}${epochs}${accuracy}`
        : `untrained ${info.preset ?? ''} network`.replace('  ', ' ');
    case 'uploaded':
      return `uploaded ${info.fileName ?? 'model'}${other}${accuracy}`;
    default:
      return 'no model yet';
  }
}
