// Times training in slices: warm-up slices first (discarded), then `slices` slices of about
// sliceSeconds each. step() trains one batch and returns its sample count (or a promise of it).
// Returns samples per second of each timed slice. Works as a classic worker script
// (importScripts) and as a module (import for its side effect): it sets globalThis.timeSlices.
(function (root) {
  async function timeSlices(step, { slices = 7, sliceSeconds = 1, warmupSlices = 1 } = {}) {
    const rates = [];
    for (let s = 0; s < warmupSlices + slices; s++) {
      let samples = 0;
      const start = performance.now();
      let elapsed = 0;
      do {
        const done = step();
        samples += typeof done === 'number' ? done : await done;
        elapsed = (performance.now() - start) / 1000;
      } while (elapsed < sliceSeconds);
      if (s >= warmupSlices) rates.push(samples / elapsed);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let messages through
    }
    return rates;
  }
  root.timeSlices = timeSlices;
})(globalThis);
