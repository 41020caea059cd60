// The training speed select: full speed ('') or a watchable number of images a second, sent to
// the worker (SET_SPEED), with a note under the form while training is slowed down.
import { ToWorker } from '../shared/protocol.js';
import { setText } from './dom.js';
import { integer } from './format.js';

export class SpeedControl {
  /**
   * @param {import('./worker-client.js').WorkerClient} client
   * @param {{onChange: () => void}} callbacks  after the user picked another speed
   */
  constructor(client, { onChange }) {
    this.client = client;
    this.select = document.getElementById('speed');
    this.note = document.getElementById('speed-note');
    this.select.addEventListener('change', () => {
      this.send();
      onChange();
    });
  }

  /** Training is slowed down to a watchable speed. */
  get capped() {
    return this.select.value !== '';
  }

  /** SET_SPEED from the select: '' is full speed. */
  send() {
    const value = Number(this.select.value);
    this.client.post({ type: ToWorker.SET_SPEED, samplesPerSecond: value > 0 ? value : null });
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

  /** PROGRESS reports how fast a slice trains; at a capped speed the pace is the cap. */
  cappedProgress(progress) {
    const cap = Number(this.select.value);
    if (!progress || !(cap > 0) || !(progress.samplesPerSecond > cap)) return progress;
    return { ...progress, samplesPerSecond: cap };
  }

  render() {
    const capped = this.capped;
    this.note.hidden = !capped;
    if (capped)
      setText(
        this.note,
        `Slowed to about ${integer(Number(this.select.value))} images a second so you can watch it learn.`,
      );
  }
}
