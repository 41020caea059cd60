// Times training in slices: warm-up slices first (discarded), then `slices` slices of about
// sliceSeconds of wall time each. step() trains one batch (or a few) and returns its sample count
// (the whole call is timed), or {samples, ms} to say itself how much of the call was training
// (evaluation steps return {samples: 0, ms: 0}), or a promise of either. Returns the samples per
// second of each timed slice; steps that also say `cpuMs` (the CPU time of the call, where the
// runtime can tell: node) add each slice's samples per CPU second to `cpuRates`. Works as a classic worker script (importScripts) and as a module
// imported for its side effect: it sets globalThis.timeSlices.
(function (root) {
  async function timeSlices(step, { slices = 7, sliceSeconds = 1, warmupSlices = 1 } = {}, cpuRates = null) {
    const rates = [];
    for (let s = 0; s < warmupSlices + slices; s++) {
      let samples = 0;
      let trainedMs = 0;
      let cpuMs = 0;
      const sliceStart = performance.now();
      let now = sliceStart;
      do {
        const stepStart = now;
        let done = step();
        if (typeof done !== 'number' && typeof done.then === 'function') done = await done;
        now = performance.now();
        if (typeof done === 'number') {
          samples += done;
          trainedMs += now - stepStart;
        } else {
          samples += done.samples;
          trainedMs += done.ms;
          cpuMs += done.cpuMs ?? 0;
        }
      } while (now - sliceStart < sliceSeconds * 1000);
      if (s >= warmupSlices) {
        rates.push((1000 * samples) / trainedMs);
        if (cpuRates && cpuMs > 0) cpuRates.push((1000 * samples) / cpuMs);
      }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let messages through
    }
    return rates;
  }
  root.timeSlices = timeSlices;
})(globalThis);
