// The page's side of the request layer (web/src/lib/page/worker-bridge.js), against a stand-in
// worker: replies find their callers, errors reach them, cancellation and a dying worker end every
// wait, and a replaced worker's late messages are dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkerBridge, WorkerStopped } from '../../web/src/lib/page/worker-bridge.js';

/** A worker that records what the page posts; the test answers for it. */
class FakeWorker {
  posted = [];
  terminated = false;
  onmessage = null;
  onerror = null;
  onmessageerror = null;
  postMessage(message, options) {
    this.posted.push({ message, options });
  }
  terminate() {
    this.terminated = true;
  }
  /** The worker sends a message to the page. */
  send(data) {
    this.onmessage?.({ data });
  }
  lastCall() {
    return this.posted.at(-1).message;
  }
}

function bridgeWithWorkers() {
  const workers = [];
  const bridge = new WorkerBridge(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  bridge.start();
  return { bridge, workers };
}

test('a call posts its type and payload and resolves with the reply of its id', async () => {
  const { bridge, workers } = bridgeWithWorkers();
  const first = bridge.call('check-config', { config: { preset: 'mlp' } });
  const second = bridge.call('evaluate', {});
  const [a, b] = workers[0].posted.map((p) => p.message);
  assert.equal(a.kind, 'call');
  assert.equal(a.type, 'check-config');
  assert.notEqual(a.id, b.id);
  workers[0].send({ kind: 'reply', id: b.id, ok: true, value: 'second' });
  workers[0].send({ kind: 'reply', id: a.id, ok: true, value: 'first' });
  assert.deepEqual(await Promise.all([first, second]), ['first', 'second']);
});

test('an error reply rejects the caller that asked, with the name and setting it carried', async () => {
  const { bridge, workers } = bridgeWithWorkers();
  const call = bridge.call('start', { config: { preset: 'x' } });
  const { id } = workers[0].lastCall();
  workers[0].send({
    kind: 'reply',
    id,
    ok: false,
    error: { message: 'learning rate too large', name: 'Error', setting: 'learning_rate' },
  });
  await assert.rejects(
    call,
    (error) => error.message === 'learning rate too large' && error.setting === 'learning_rate',
  );
});

test('transferred buffers go with the call', () => {
  const { bridge, workers } = bridgeWithWorkers();
  const ink = new ArrayBuffer(4);
  bridge.call('predict', { width: 2, height: 2, ink }, { transfer: [ink] });
  assert.deepEqual(workers[0].posted.at(-1).options, [ink]);
});

test('an abort rejects at once, tells the worker, and its late reply is dropped', async () => {
  const { bridge, workers } = bridgeWithWorkers();
  const controller = new AbortController();
  const call = bridge.call('load-dataset', { builtin: 'mnist' }, { signal: controller.signal });
  const { id } = workers[0].lastCall();
  controller.abort();
  await assert.rejects(call, { name: 'AbortError' });
  assert.deepEqual(workers[0].lastCall(), { kind: 'cancel', id });
  workers[0].send({ kind: 'reply', id, ok: true, value: 'too late' }); // nobody is waiting
  await assert.rejects(bridge.call('evaluate', {}, { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('the reason of an abort is the rejection (a stalled download says so)', async () => {
  const { bridge } = bridgeWithWorkers();
  const controller = new AbortController();
  const call = bridge.call('load-dataset', { builtin: 'mnist' }, { signal: controller.signal });
  controller.abort(new DOMException('stalled', 'AbortError'));
  await assert.rejects(call, { name: 'AbortError', message: 'stalled' });
});

test('events reach their listeners until they stop listening', () => {
  const { bridge, workers } = bridgeWithWorkers();
  const heard = [];
  const stop = bridge.on('epoch', (payload) => heard.push(payload.epoch));
  workers[0].send({ kind: 'event', type: 'epoch', payload: { epoch: 1 } });
  stop();
  workers[0].send({ kind: 'event', type: 'epoch', payload: { epoch: 2 } });
  assert.deepEqual(heard, [1]);
});

test('a listener that throws does not keep the others from hearing', () => {
  const { bridge, workers } = bridgeWithWorkers();
  const heard = [];
  const error = console.error;
  console.error = () => {};
  try {
    bridge.on('state', () => {
      throw new Error('a bug in a view');
    });
    bridge.on('state', ({ state }) => heard.push(state));
    workers[0].send({ kind: 'event', type: 'state', payload: { state: 'ready', message: '' } });
  } finally {
    console.error = error;
  }
  assert.deepEqual(heard, ['ready']);
});

test('a fatal event stops the worker, rejects every pending call and is heard once', async () => {
  const { bridge, workers } = bridgeWithWorkers();
  const fatal = [];
  bridge.on('fatal', ({ message }) => fatal.push(message));
  const pending = bridge.call('evaluate', {});
  workers[0].send({ kind: 'event', type: 'fatal', payload: { message: 'Aborted(OOM)' } });
  await assert.rejects(pending, (error) => error instanceof WorkerStopped && /OOM/.test(error.message));
  assert.deepEqual(fatal, ['Aborted(OOM)']);
  assert.equal(workers[0].terminated, true);
  assert.equal(bridge.alive, false);
  await assert.rejects(bridge.call('evaluate', {}), WorkerStopped, 'no call reaches a dead worker');
});

test('an uncaught error in the worker is fatal too, with where it happened', () => {
  const { bridge, workers } = bridgeWithWorkers();
  const fatal = [];
  bridge.on('fatal', ({ message }) => fatal.push(message));
  workers[0].onerror({
    message: 'RuntimeError: unreachable',
    filename: 'http://x/src/worker.js',
    lineno: 3,
    preventDefault() {},
  });
  assert.match(fatal[0], /unreachable \(worker\.js:3\)/);
});

test('restart starts a new worker; the old one is terminated and its late replies are dropped', async () => {
  const { bridge, workers } = bridgeWithWorkers();
  const started = [];
  bridge.on('started', () => started.push(workers.length));
  const old = bridge.call('evaluate', {});
  const { id: oldId } = workers[0].lastCall();
  bridge.restart();
  await assert.rejects(old, WorkerStopped);
  assert.equal(workers[0].terminated, true);
  assert.deepEqual(started, [2]);
  const fresh = bridge.call('evaluate', {});
  const { id: newId } = workers[1].lastCall();
  assert.ok(newId > oldId, 'ids never repeat across workers');
  workers[0].send({ kind: 'reply', id: newId, ok: true, value: 'from the old worker' });
  workers[1].send({ kind: 'reply', id: newId, ok: true, value: 'from the new one' });
  assert.equal(await fresh, 'from the new one');
});
