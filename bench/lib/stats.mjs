// Medians and the row shape every runner emits: {runner, preset?, metric, value, unit?, ...}.
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const TRAIN_SAMPLES = 51000;

export function row(runner, preset, metric, value, unit, extra = {}) {
  const out = { runner };
  if (preset) out.preset = preset;
  out.metric = metric;
  out.value = value;
  if (unit) out.unit = unit;
  return Object.assign(out, extra);
}

/** The two throughput rows from per-slice rates (samples/s). */
export function throughputRows(runner, preset, rates, extra = {}) {
  const perSecond = median(rates);
  return [
    row(runner, preset, 'train_samples_per_second', Math.round(perSecond * 10) / 10, 'samples/s', {
      slices: rates.map((r) => Math.round(r)),
      ...extra,
    }),
    row(runner, preset, 'seconds_per_epoch', Math.round((TRAIN_SAMPLES / perSecond) * 1000) / 1000, 's'),
  ];
}
