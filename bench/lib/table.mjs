// The human-readable report of bench/run.mjs: measurements, same-run ratios, then notes (which
// BLAS, which tfjs binary, skipped runners, errors).
const RUNNER_ORDER = [
  'native',
  'native-base',
  'pytorch',
  'wasm-node',
  'wasm-browser',
  'tfjs-wasm',
  'tfjs-wasm-threads',
  'ratio',
];
const METRIC_ORDER = [
  'train_samples_per_second',
  'seconds_per_epoch',
  'seconds_to_97_percent',
  'seconds_to_99_percent',
  'gemm_gflops',
  'classify_ms',
  'ready_seconds',
  'bench_page_ready_seconds',
  'worker_peak_bytes',
  'wasm_heap_bytes',
  'wasm_bytes',
  'wasm_gzip_bytes',
  'wasm_js_bytes',
  'wasm_js_gzip_bytes',
  'site_js_bytes',
  'site_js_gzip_bytes',
];

const grouped = (n) => Math.round(n).toLocaleString('en-US');

export function formatValue(value, unit) {
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'samples/s':
      return `${grouped(value)} samples/s`;
    case 's':
      return `${value < 10 ? value.toFixed(3) : value.toFixed(2)} s`;
    case 'ms':
      return `${value.toFixed(2)} ms`;
    case 'B': // decimal units, as the issue's targets (150 MB, 300 KB)
      return value >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : `${(value / 1e3).toFixed(1)} kB`;
    case 'GFLOP/s':
      return `${value.toFixed(1)} GFLOP/s`;
    case 'x':
      return `${value.toFixed(2)}x`;
    default:
      return `${value}${unit ? ` ${unit}` : ''}`;
  }
}

function note(r) {
  const parts = [];
  if (r.mode)
    parts.push(
      `best path: ${r.mode}${
        r.modes
          ? ` (${Object.entries(r.modes)
              .map(([m, v]) => `${m} ${grouped(v)}`)
              .join(', ')})`
          : ''
      }`,
    );
  if (r.loss) parts.push(`loss ${r.loss}`);
  if (r.wall_samples_per_second) parts.push(`wall clock ${grouped(r.wall_samples_per_second)}/s`);
  if (r.metric === 'classify_ms' && r.predicted !== undefined)
    parts.push(`predicted ${r.predicted}, min ${r.min} ms`);
  if (/^seconds_to_9\d_percent$/.test(r.metric) && r.epoch)
    parts.push(`epoch ${r.epoch}, ${(100 * r.testAccuracy).toFixed(2)}%`);
  if (r.metric === 'ready_seconds' && r.loads) parts.push(`loads ${r.loads.join(', ')} s`);
  if (r.metric === 'worker_peak_bytes' && r.worker_js_heap_peak)
    parts.push(`renderer RSS growth; JS heap peak ${formatValue(r.worker_js_heap_peak, 'B')}`);
  if (r.file) parts.push(r.file);
  if (r.rounds) {
    const bare = (v) => (r.unit === 'B' ? formatValue(v, r.unit) : formatValue(v, r.unit).split(' ')[0]);
    parts.push(`rounds: ${r.rounds.map(bare).join(' / ')}`);
  } else if (r.slices) parts.push(`slices: ${r.slices.map(grouped).join(' ')}`);
  return parts.join('; ');
}

function renderTable(header, lines) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

const order = (list, value) => {
  const i = list.indexOf(value);
  return i < 0 ? list.length : i;
};

export function formatTable(rows, machine, { rounds = 1, smoke = false } = {}) {
  const m = Object.fromEntries(machine.map((r) => [r.metric, r.value]));
  const out = [];
  out.push(`npm run bench${smoke ? ' --smoke (tiny sizes: figures are not meaningful)' : ''}: ${m.date}`);
  out.push(
    `machine: ${m.cpu}; load average before ${m.load_average_before}, after ${m.load_average_after}; node ${m.node}${m.chromium ? `; ${m.chromium}` : ''}`,
  );
  out.push(
    rounds > 1
      ? `values: median of ${rounds} rounds (ratios: median of same-round ratios)`
      : 'values: one round; throughput is the median of the timed slices',
  );
  out.push('');

  const measured = rows
    .filter((r) => typeof r.value === 'number' && r.runner !== 'ratio')
    .sort(
      (a, b) =>
        order(RUNNER_ORDER, a.runner) - order(RUNNER_ORDER, b.runner) ||
        String(a.preset || '~').localeCompare(String(b.preset || '~')) ||
        order(METRIC_ORDER, a.metric) - order(METRIC_ORDER, b.metric),
    );
  const target = (r) => (r.target ? `${r.met ? 'met' : 'MISSED'} (${r.target})` : '');
  out.push(
    renderTable(
      ['runner', 'preset', 'metric', 'value', 'target', 'detail'],
      measured.map((r) => [
        r.runner,
        r.preset || '',
        r.metric,
        formatValue(r.value, r.unit),
        target(r),
        note(r),
      ]),
    ),
  );

  const ratios = rows.filter((r) => r.runner === 'ratio');
  out.push('');
  if (ratios.length) {
    out.push('same-run ratios of train_samples_per_second (unless another metric is named)');
    out.push(
      renderTable(
        ['preset', 'ratio', 'value', 'target'],
        ratios.map((r) => [
          r.preset,
          r.metric,
          formatValue(r.value, 'x'),
          `${r.met ? 'met' : 'MISSED'} (${r.target})`,
        ]),
      ),
    );
  } else {
    out.push('same-run ratios: none (a runner they need did not run)');
  }

  const notes = rows.filter((r) => typeof r.value !== 'number');
  if (notes.length) {
    out.push('');
    out.push('notes');
    for (const r of notes.sort((a, b) => order(RUNNER_ORDER, a.runner) - order(RUNNER_ORDER, b.runner))) {
      if (r.metric === 'status') out.push(`  ${r.runner}: SKIPPED: ${r.reason || r.value}`);
      else if (r.metric === 'error') out.push(`  ${r.runner}: ERROR: ${r.value}`);
      else out.push(`  ${r.runner}${r.preset ? ` ${r.preset}` : ''}: ${r.metric}: ${r.value}`);
    }
  }
  return `${out.join('\n')}\n`;
}
