// The training speed select: full speed ('') or a watchable number of images a second, sent to
// the worker ('set-speed'), with a note under the form while training is slowed down.
import { setText } from '../../../lib/page/dom.js';
import { integer } from '../../../lib/shared/format.js';

export class SpeedControl {
  /**
   * @param {import('../../../lib/page/worker-bridge.js').WorkerBridge} bridge
   * @param {{onChange: () => void}} callbacks  after the user picked another speed
   */
  constructor(bridge, { onChange }) {
    this.bridge = bridge;
    this.select = /** @type {HTMLSelectElement} */ (document.getElementById('speed'));
    this.note = /** @type {HTMLElement} */ (document.getElementById('speed-note'));
    this.select.addEventListener('change', () => {
      this.send();
      onChange();
    });
  }

  /** Training is slowed down to a watchable speed. */
  get capped() {
    return this.select.value !== '';
  }

  /** 'set-speed' from the select: '' is full speed. */
  send() {
    const value = Number(this.select.value);
    this.bridge.call('set-speed', { samplesPerSecond: value > 0 ? value : null }).catch(() => {});
  }

  /** A new worker starts at full speed: tell it the speed chosen, if another. */
  resend() {
    if (this.capped) this.send();
  }

  /** Back to full speed (the tutorial's runs would take many minutes at a watchable one). */
  setFull() {
    if (!this.capped) return;
    this.select.value = '';
    this.send();
  }

  /**
   * The progress with the pace a person sees: at a capped speed, the cap.
   * @template {{samplesPerSecond: number} | null} P
   * @param {P} progress
   * @returns {P}
   */
  cappedProgress(progress) {
    const cap = Number(this.select.value);
    if (!progress || !(cap > 0) || !(progress.samplesPerSecond > cap)) return progress;
    return { ...progress, samplesPerSecond: cap };
  }

  render() {
    const capped = this.capped;
    this.note.hidden = !capped;
    if (capped) {
      setText(
        this.note,
        `Slowed to about ${integer(Number(this.select.value))} images a second so you can watch it learn.`,
      );
    }
  }
}
