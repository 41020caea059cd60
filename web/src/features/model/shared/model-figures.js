// What the model panel says a model is and how well it reads: its kind, its augmentation, its
// test accuracy and, when its maker measured it, its accuracy on digits drawn the way people
// draw them (the trainer's --robustness figure, kept in the model file). Pure, no DOM.
import { percent } from '../../../lib/shared/format.js';

/**
 * @param {Pick<import('./contract.js').ModelInfo, 'source' | 'kind' | 'augment' | 'testAccuracy'
 *   | 'drawnAccuracy' | 'dataset' | 'epochs'>} info
 * @returns {string}  '' without a model
 */
export function modelFigures(info) {
  if (info.source === 'none' || !info.kind) return '';
  const kind = info.kind === 'convolutional' ? 'A convolutional network' : 'A fully connected network';
  const verb = info.source === 'trained' && !info.epochs ? 'training' : 'trained'; // a run's first epoch
  const augment =
    info.augment && info.augment !== 'none' ? `, ${verb} with ${info.augment} augmentation` : '';
  const onMnist = !info.dataset || info.dataset === 'MNIST';
  const figures = [];
  if (info.testAccuracy != null)
    figures.push(`${percent(info.testAccuracy)} of ${onMnist ? "MNIST's" : 'its'} test images`);
  if (info.drawnAccuracy != null && onMnist)
    figures.push(`${percent(info.drawnAccuracy)} of those digits drawn on the pad as people draw`);
  return `${kind}${augment}.${figures.length ? ` It reads ${figures.join(' and ')}.` : ''}`;
}
