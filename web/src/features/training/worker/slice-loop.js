// Runs a callback again and again, one at a time: wake() asks for the next run (now, or after a
// delay) and does nothing when one is already on its way. One loop, whatever order pause, resume
// and the slices' own scheduling come in (a Pause then Resume before the pending slice fired used
// to start a second loop, which trained at twice a capped speed).

export class SliceLoop {
  #run;
  #pending = false;
  #channel = new MessageChannel();

  /** @param {() => void} run  one slice; it calls wake() itself to go on */
  constructor(run) {
    this.#run = run;
    this.#channel.port1.onmessage = () => this.#fire();
  }

  /** Whether the next slice is already on its way. */
  get pending() {
    return this.#pending;
  }

  /** Runs the slice after `delayMs` (0: as soon as the messages waiting have been handled). */
  wake(delayMs = 0) {
    if (this.#pending) return;
    this.#pending = true;
    // A zero-delay yield through a MessageChannel: setTimeout is clamped to 4 ms when nested.
    if (delayMs > 0) setTimeout(() => this.#fire(), delayMs);
    else this.#channel.port2.postMessage(null);
  }

  #fire() {
    this.#pending = false;
    this.#run();
  }
}
