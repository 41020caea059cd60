// The memory of a page's dedicated worker in headless Chromium, for bench/runners/wasm-browser.mjs.
import { rendererMemory } from './browser.mjs';

/**
 * The worker's memory, two ways. (1) Its renderer process's peak resident set (VmHWM in /proc)
 * minus the resident set just before the worker started: everything the worker brought, wasm
 * memory included (Chromium runs a dedicated worker in its page's renderer process). (2) Its JS
 * heap, polled with Runtime.getHeapUsage over a CDP session of our own (non-flattened
 * auto-attach, so Playwright's session is untouched); that figure leaves out wasm memory.
 * (Runtime.queryObjects, which would find the WebAssembly.Memory, detaches a worker's session.)
 */
export async function watchWorkerMemory(context, page, profile) {
  const cdp = await context.newCDPSession(page);
  const workers = new Set();
  const pending = new Map();
  let nextId = 1;
  let jsPeak = 0;
  let baseline = null;
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.add(sessionId);
  });
  cdp.on('Target.detachedFromTarget', ({ sessionId }) => workers.delete(sessionId));
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    const settle = pending.get(reply.id);
    if (settle) {
      pending.delete(reply.id);
      settle(reply.error ? null : reply.result);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const ask = (sessionId, method, params = {}) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(() => resolve(null));
      setTimeout(() => pending.delete(id) && resolve(null), 5000);
    });
  const sampleHeap = async () => {
    for (const sessionId of workers) {
      const usage = await ask(sessionId, 'Runtime.getHeapUsage');
      if (usage) jsPeak = Math.max(jsPeak, usage.usedSize || 0);
    }
  };
  const timer = setInterval(() => sampleHeap().catch(() => {}), 250);
  timer.unref();
  return {
    /** Call just before the worker is created. */
    markBaseline() {
      baseline = rendererMemory(profile);
    },
    async stop() {
      clearInterval(timer);
      await sampleHeap().catch(() => {});
      await cdp.detach().catch(() => {});
      const now = rendererMemory(profile);
      let growth = 0;
      let rendererPeak = 0;
      for (const [pid, { peak }] of Object.entries(now)) {
        const before = baseline && baseline[pid] ? baseline[pid].rss : null;
        if (before !== null && peak - before > growth) {
          growth = peak - before;
          rendererPeak = peak;
        }
      }
      return { growth, rendererPeak, jsPeak, workersSeen: workers.size };
    },
  };
}
