// The README's PyTorch loader, run as written on every kind of exported model: the network it
// rebuilds from a .safetensors file must give the core's outputs within 1e-5 on real MNIST test
// images, and the same predicted classes. Debian ships PyTorch (python3-torch) but not the
// safetensors package; without it the loader imports a stand-in written from the format's
// specification (tests/interop/python/safetensors).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { root } from '../wasm/load-module.mjs';
import {
  assertMatchesCore,
  IMAGES,
  inputDims,
  MODELS,
  testImages,
  useExportedModels,
} from './exported-models.mjs';
import { PYTHON, pythonHas } from './python.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const exported = useExportedModels();

/** The python block under the README's marker comment. */
function readmeLoader() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const marker = readme.indexOf('<!-- the PyTorch loader:');
  assert.ok(marker >= 0, 'README.md lost the PyTorch loader marker');
  const block = readme.slice(marker).match(/```python\n([\s\S]*?)```/);
  assert.ok(block, 'no python block after the marker');
  return block[1];
}

// Runs the loader on one file and prints the network's outputs for the images in `images.bin`.
const DRIVER = `
import sys, numpy, torch
torch.set_num_threads(1)
path, images, dims = sys.argv[1], sys.argv[2], [int(d) for d in sys.argv[3].split(",")]
x = torch.from_numpy(numpy.fromfile(images, dtype="<f4").reshape(dims))
with torch.no_grad():
    y = load_network(path)(x)
sys.stdout.write(",".join(repr(float(v)) for v in y.flatten()))
`;

describe("the README's PyTorch loader rebuilds every exported model", () => {
  for (const name of Object.keys(MODELS)) {
    test(name, (t) => {
      if (!pythonHas('torch')) return t.skip(`${PYTHON} has no torch module (apt-get install python3-torch)`);
      const script = path.join(exported.work, 'load_network.py');
      fs.writeFileSync(script, readmeLoader() + DRIVER);
      const images = path.join(exported.work, 'images.bin');
      fs.writeFileSync(images, testImages());
      const env = { ...process.env };
      if (!pythonHas('safetensors')) env.PYTHONPATH = path.join(here, 'python');
      const dims = inputDims(name, IMAGES).join(',');
      const run = spawnSync(PYTHON, [script, exported.models[name].safetensors, images, dims], {
        encoding: 'utf8',
        env,
      });
      assert.equal(run.status, 0, run.stderr);
      const outputs = Float32Array.from(run.stdout.split(',').map(Number));
      assertMatchesCore(name, outputs, exported.models[name].predictions);
    });
  }
});
