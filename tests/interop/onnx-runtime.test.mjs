// Exported models run elsewhere, in ONNX: every kind of network the core trains, exported by the
// native trainer, runs in ONNX Runtime (onnxruntime-web, in node) on real MNIST test images with
// outputs within 1e-5 of the core's forward pass and the same predicted classes; Debian's ONNX
// checker (python3-onnx, full check) accepts every file; and the wasm module (what the page runs)
// exports the very same bytes from the same model file.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import * as ort from 'onnxruntime-web';

import { FASHION_NAMES } from '../../web/src/features/dataset/page/class-names.js';
import { loadModule, toBuffer } from '../wasm/load-module.mjs';
import { assertMatchesCore, inputDims, MODELS, testImages, useExportedModels } from './exported-models.mjs';
import { PYTHON, pythonHas } from './python.mjs';

const exported = useExportedModels();

/** An ONNX Runtime session for the file, failing on any warning it logs while loading it. */
async function loadWithoutWarnings(file) {
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    ort.env.logLevel = 'warning';
    const session = await ort.InferenceSession.create(fs.readFileSync(file));
    assert.deepEqual(warnings, [], 'ONNX Runtime warned while loading the model');
    return session;
  } finally {
    console.warn = warn;
  }
}

describe('ONNX Runtime runs every exported model as the core does', () => {
  for (const name of Object.keys(MODELS)) {
    test(name, async () => {
      const { onnx, predictions } = exported.models[name];
      const session = await loadWithoutWarnings(onnx);
      assert.deepEqual(session.inputNames, ['input']);
      assert.deepEqual(session.outputNames, ['output']);
      const input = new ort.Tensor('float32', testImages(), inputDims(name));
      const { output } = await session.run({ input });
      assertMatchesCore(name, output.data, predictions);
      await session.release();
    });
  }
});

test("Debian's ONNX checker (full check) accepts every exported file", (t) => {
  if (!pythonHas('onnx')) return t.skip(`${PYTHON} has no onnx module (apt-get install python3-onnx)`);
  const files = Object.values(exported.models).map((model) => model.onnx);
  const script =
    'import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\n';
  const result = spawnSync(PYTHON, ['-c', script, ...files], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('the exported metadata carries the class names and the input scaling', async (t) => {
  // onnxruntime-web does not expose metadata_props: they are read with the checker's own parser.
  if (!pythonHas('onnx')) return t.skip(`${PYTHON} has no onnx module (apt-get install python3-onnx)`);
  // The page keeps class names in the model file's metadata; the export reads them from there.
  const nn = await loadModule();
  const session = new nn.Session();
  const buffer = toBuffer(nn, fs.readFileSync(exported.models.mlp.model));
  session.loadModel(buffer);
  buffer.delete();
  const names = [...FASHION_NAMES]; // the page's own, so this test and the page cannot drift apart
  const file = path.join(exported.work, 'named.onnx');
  fs.writeFileSync(file, session.exportOnnx(JSON.stringify({ class_names: names })));
  session.delete();
  const script =
    'import onnx, sys, json\nm = onnx.load(sys.argv[1])\nprint(json.dumps({p.key: p.value for p in m.metadata_props}))\n';
  const props = JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
  assert.deepEqual(JSON.parse(props.class_names), names);
  assert.match(props.input_scaling, /pixel \/ 255/);
  assert.equal(props.input_layout, '[N, 784]: one row of pixels per image');
  assert.equal(JSON.parse(props.model_metadata).class_names.length, 10);
});

test('the wasm module exports the same bytes as the native trainer from the same model file', async () => {
  const nn = await loadModule();
  for (const { name, model, onnx, safetensors } of Object.values(exported.models)) {
    const session = new nn.Session();
    const buffer = toBuffer(nn, fs.readFileSync(model));
    const metadata = session.loadModel(buffer);
    buffer.delete();
    assert.ok(
      Buffer.from(session.exportOnnx(metadata)).equals(fs.readFileSync(onnx)),
      `${name}: ONNX differs`,
    );
    assert.ok(
      Buffer.from(session.exportSafetensors(metadata)).equals(fs.readFileSync(safetensors)),
      `${name}: safetensors differs`,
    );
    session.delete();
  }
});
