// An init script run in every page before its own scripts: it records what the tests check and
// the page does not show. The page and its worker talk in calls, replies and events (see
// web/src/lib/shared/wire.js); the record names each by its type. window.__e2e holds
//   workers   every Worker the page created (to fault one on purpose)
//   sent      [{type, id, ...small payload fields, config?, t}] each call the page made
//             ({type: 'cancel', id} for a cancellation)
//   received  [{type, ...small fields, t}] each event ({type: 'progress', ...}) and each reply: a
//             value as {type: <the call's type>, reply: true, ...}, an error as {type: 'error',
//             call: <the call's type>, id, message, name, setting?}. Progress keeps epoch, batch,
//             phase and the mean and count of its losses; big buffers are dropped.
//   presets   the presets the worker sent (the init reply)
//   csp       securitypolicyviolation events of the page (strict-page.test.mjs listens in the
//             worker too)
//   frames    animation frames since the page loaded: every message sent or received is stamped
//             with the count then (`frame`), so a test can tell whether the page drew between two
//             events without measuring time
//   longTasks PerformanceObserver 'longtask' durations (ms), for diagnostics

function install() {
  const e2e = {
    workers: [],
    sent: [],
    received: [],
    csp: [],
    longTasks: [],
    frames: 0,
  };
  const countFrame = () => {
    e2e.frames += 1;
    requestAnimationFrame(countFrame);
  };
  requestAnimationFrame(countFrame);
  Object.defineProperty(window, '__e2e', { value: e2e, configurable: false });

  const summarise = (data) => {
    if (!data || typeof data !== 'object') return { value: data, t: performance.now(), frame: e2e.frames };
    const out = { t: performance.now(), frame: e2e.frames };
    for (const [key, value] of Object.entries(data)) {
      if (value == null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
    if (data.losses && data.losses.length !== undefined) {
      let sum = 0;
      let finite = 0;
      for (const v of data.losses)
        if (Number.isFinite(v)) {
          sum += v;
          finite += 1;
        }
      out.lossCount = data.losses.length;
      out.lossMean = finite ? sum / finite : null;
    }
    if (data.confusion && data.confusion.length !== undefined) {
      out.confusionSum = Array.from(data.confusion).reduce((a, b) => a + b, 0);
      out.confusionLength = data.confusion.length;
    }
    if (data.model && typeof data.model === 'object') out.model = { ...data.model };
    if (data.probabilities && data.probabilities.length !== undefined) {
      out.probabilities = Array.from(data.probabilities);
    }
    if (data.config && typeof data.config === 'object') out.config = JSON.parse(JSON.stringify(data.config));
    return out;
  };

  const callTypes = new Map(); // call id -> its type, to name the replies
  const fromWorker = (data) => {
    if (!data || typeof data !== 'object') return summarise(data);
    if (data.kind === 'event') return { ...summarise(data.payload), type: data.type };
    const call = callTypes.get(data.id) ?? '?';
    if (data.kind === 'reply' && data.ok) {
      // A test may stand in for a newer core with presets this page does not know yet.
      if (call === 'init' && data.value?.presets && typeof window.__e2eExtendPresets === 'function') {
        data.value.presets = window.__e2eExtendPresets(data.value.presets);
      }
      if (call === 'init' && data.value?.presets) e2e.presets = data.value.presets;
      return { ...summarise(data.value), type: call, reply: true, id: data.id };
    }
    if (data.kind === 'reply') return { ...summarise(data.error), type: 'error', call, id: data.id };
    return summarise(data);
  };
  const toWorker = (data) => {
    if (data?.kind === 'call') {
      callTypes.set(data.id, data.type);
      return { ...summarise(data.payload), type: data.type, id: data.id };
    }
    if (data?.kind === 'cancel') return { type: 'cancel', id: data.id, t: performance.now() };
    return summarise(data);
  };

  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        e2e.workers.push(this);
        this.addEventListener('message', (event) => e2e.received.push(fromWorker(event.data)));
      }

      postMessage(message, ...rest) {
        e2e.sent.push(toWorker(message));
        return super.postMessage(message, ...rest);
      }
    };
  }

  /** Calls the page's worker directly, as if the page had (the answer goes nowhere). */
  let testCallId = 1e9;
  e2e.callWorker = (type, payload = {}) => {
    testCallId += 1;
    const worker = e2e.workers.at(-1);
    worker.postMessage({ kind: 'call', id: testCallId, type, payload });
    return testCallId;
  };

  document.addEventListener('securitypolicyviolation', (event) => {
    e2e.csp.push({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
    });
  });

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        e2e.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task API: the frame gaps still tell.
  }
}

/** Installs the instruments in every page (and frame) of a context. */
export async function instrumentPage(context) {
  await context.addInitScript(`(${install.toString()})();`);
}
