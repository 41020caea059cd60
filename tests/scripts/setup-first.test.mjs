// Every entry script (npm start, test, run build, train, bench, fuzz) runs the setup step before
// anything that depends on what setup installs, and probes the machine only after it.
//
// A fresh machine cannot be had in a test, so this one stands in for it: the scripts run in a copy
// of the repository where setup.sh is a stand-in that "installs" Debian's node modules folder (as
// apt-get installing emscripten creates /usr/share/nodejs), and cmake, emcmake, ctest and
// clang++-14 are stand-ins that log each call, whether setup had run by then, and the NODE_PATH
// they saw. The first-run bug this guards against: env.sh probed the folder before setup created
// it, so the first wasm link could not find acorn.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-first-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const STUB_TOOLS = ['cmake', 'emcmake', 'ctest', 'clang++-14'];

/** A copy of the repository's scripts with stand-ins for setup, the tools and the node programs. */
function makeRepo(name) {
  const repo = path.join(work, name);
  fs.cpSync(path.join(root, 'scripts'), path.join(repo, 'scripts'), { recursive: true });
  fs.writeFileSync(
    path.join(repo, 'scripts', 'setup.sh'),
    [
      '#!/usr/bin/env bash',
      'echo "setup $*" >>"$STUB_LOG"',
      '[[ -z "${SETUP_CREATES:-}" ]] || mkdir -p "$SETUP_CREATES"',
      'touch "$SETUP_MARKER"',
      '',
    ].join('\n'),
  );
  // The node programs the scripts end with: nothing to do here.
  for (const program of ['scripts/build-site.mjs', 'scripts/serve.mjs', 'bench/run.mjs']) {
    fs.mkdirSync(path.dirname(path.join(repo, program)), { recursive: true });
    fs.writeFileSync(path.join(repo, program), '');
  }
  const bin = path.join(repo, 'stub-bin');
  fs.mkdirSync(bin);
  for (const tool of STUB_TOOLS) {
    const logLine =
      `echo "${tool} $* | setup=$([[ -e "$SETUP_MARKER" ]] && echo done || echo not-yet)` +
      ` | NODE_PATH=\${NODE_PATH:-}" >>"$STUB_LOG"`;
    const run = tool === 'emcmake' ? 'exec "$@"' : 'exit 0';
    fs.writeFileSync(path.join(bin, tool), `#!/usr/bin/env bash\n${logLine}\n${run}\n`, {
      mode: 0o755,
    });
  }
  return { repo, bin };
}

/** Runs scripts/<script> in a fresh copy; returns the stand-ins' log lines. */
function runScript(script, args, { setupCreatesFolder }) {
  const { repo, bin } = makeRepo(`${script}-${setupCreatesFolder ? 'installs' : 'plain'}`);
  const nodeModules = path.join(repo, 'usr-share-nodejs'); // absent until setup "installs" it
  const log = path.join(repo, 'stub.log');
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: process.env.HOME,
    STUB_LOG: log,
    SETUP_MARKER: path.join(repo, 'setup-ran'),
    NN_DEBIAN_NODE_MODULES: nodeModules,
    ...(setupCreatesFolder ? { SETUP_CREATES: nodeModules } : {}),
  };
  const result = spawnSync('bash', [path.join('scripts', script), ...args], {
    cwd: repo,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.error, undefined, `${script} did not run: ${result.error}`);
  const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { lines, nodeModules };
}

// Scripts and arguments as package.json runs them (npm test's own stages included).
const ENTRY_POINTS = [
  ['start.sh', []],
  ['build.sh', []],
  ['test.sh', []],
  ['train.sh', ['--help']],
  ['bench.sh', ['--smoke']],
  ['fuzz.sh', ['--smoke', 'idx_fuzzer']],
];

for (const [script, args] of ENTRY_POINTS) {
  test(`${script} runs setup before any tool it installs, and the wasm build sees what setup installed`, () => {
    const { lines, nodeModules } = runScript(script, args, { setupCreatesFolder: true });
    assert.ok(lines[0]?.startsWith('setup'), `${script}: the first step is not setup:\n${lines.join('\n')}`);
    const tools = lines.filter((line) => !line.startsWith('setup'));
    assert.ok(tools.length > 0, `${script} ran no build tool at all`);
    for (const line of tools) {
      assert.match(line, /\| setup=done \|/, `${script}: a tool ran before setup: ${line}`);
    }
    const wasmSteps = tools.filter((line) => /^emcmake |--preset wasm/.test(line));
    for (const line of wasmSteps) {
      assert.ok(
        line.split('NODE_PATH=')[1].split(':').includes(nodeModules),
        `${script}: an Emscripten step ran without the node modules setup installed: ${line}`,
      );
    }
  });
}

test('the wasm build finds the folder because it is there, not because it is always added', () => {
  const { lines, nodeModules } = runScript('build.sh', [], { setupCreatesFolder: false });
  const wasmSteps = lines.filter((line) => /^emcmake |--preset wasm/.test(line));
  assert.ok(wasmSteps.length > 0, `build.sh did not build the wasm preset:\n${lines.join('\n')}`);
  for (const line of wasmSteps) assert.ok(!line.includes(nodeModules), line);
});
