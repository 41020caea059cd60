// The shared command line of the runner scripts (bench/runners/*.mjs): each prints its rows as
// JSON lines on stdout, diagnostics on stderr, and exits non-zero when it could not measure.
import { pathToFileURL } from 'node:url';

export function parseRunnerArgs(argv = process.argv.slice(2)) {
  const options = { presets: ['mlp', 'seed'], slices: 7, sliceSeconds: 1, warmupSlices: 1, smoke: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--presets') options.presets = value().split(',').filter(Boolean);
    else if (arg === '--slices') options.slices = Number(value());
    else if (arg === '--slice-seconds') options.sliceSeconds = Number(value());
    else if (arg === '--warmup-slices') options.warmupSlices = Number(value());
    else if (arg === '--smoke') options.smoke = true;
    else if (arg.startsWith('--'))
      options[arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value();
    else throw new Error(`unexpected argument ${arg}`);
  }
  return options;
}

export const timingOf = ({ slices, sliceSeconds, warmupSlices }) => ({ slices, sliceSeconds, warmupSlices });

/** Runs `measure(options, emit)` when the module is the entry point; emit prints one row. */
export async function runnerMain(moduleUrl, measure) {
  if (moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const emit = (r) => process.stdout.write(JSON.stringify(r) + '\n');
  try {
    await measure(parseRunnerArgs(), emit);
  } catch (error) {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  }
}

export const log = (message) => process.stderr.write(`${message}\n`);
