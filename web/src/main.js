// The page: one worker behind one request layer (lib/page/worker-bridge.js), the page's picture of
// it (lib/page/session.js), and the features, each mounted from its own folder. This file only
// puts them together: a feature's page part gets what it needs from here, listens to the worker
// itself, and adds its render function to the one render pass.
import { mountDataset } from './features/dataset/page/mount.js';
import { mountDrawing } from './features/drawing/page/mount.js';
import { mountInsights } from './features/insights/page/mount.js';
import { mountModel } from './features/model/page/mount.js';
import { SessionRuns } from './features/runs/page/session-runs.js';
import { mountRuns } from './features/runs/page/mount.js';
import { mountTeach } from './features/teach/page/mount.js';
import { Tutorial } from './features/runs/page/tutorial.js';
import { mountTraining } from './features/training/page/mount.js';
import { Renderer } from './lib/page/renderer.js';
import { startOfflineSupport } from './lib/page/service-worker.js';
import { Session } from './lib/page/session.js';
import { installShortcuts } from './lib/page/shortcuts.js';
import { foldSettingsOnNarrowScreens } from './lib/page/layout.js';
import { WorkerBridge } from './lib/page/worker-bridge.js';

const bridge = new WorkerBridge(
  () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
);
const renderer = new Renderer();
const session = new Session(
  bridge,
  {
    dataUrl: new URL('data/', document.baseURI).href,
    modelUrl: new URL('models/pretrained.nnmf', document.baseURI).href,
  },
  renderer,
);
const runs = new SessionRuns();
const tutorial = new Tutorial();

// The class names follow the data and the model (dataset feature); drawing and insights show them.
/** @type {string[]} */
let classNames = [];
/** @type {import('./features/drawing/page/drawing-reader.js').DrawingReader | null} */
let reader = null;
/** @type {import('./features/insights/page/insights.js').Insights | null} */
let insights = null;
/** @type {ReturnType<typeof mountDataset> | null} */
let dataset = null;

const training = mountTraining({
  bridge,
  session,
  renderer,
  runs,
  tutorial,
  dataLoading: () => Boolean(dataset?.panel.loading),
  classNames: () => classNames,
});
const { control } = training;
reader = mountDrawing({ bridge, session, renderer });
mountTeach({ bridge, session, renderer, reader });
mountModel({ bridge, session, renderer, control, history: training.history, classNames: () => classNames });
insights = mountInsights({
  bridge,
  session,
  renderer,
  stale: () => session.runInProgress() || control.starting,
});
dataset = mountDataset({
  bridge,
  session,
  renderer,
  lockReason: (what) => control.lockReason(what),
  onNames: (names, classes) => {
    classNames = names;
    reader?.setNames(names, classes);
    insights?.setNames(names);
  },
});
mountRuns({
  session,
  renderer,
  runs,
  tutorial,
  control,
  speed: training.speed,
  dataLoading: () => Boolean(dataset?.panel.loading),
});
installShortcuts({ onToggleRun: () => control.toggleRun(), onClear: () => reader?.clear() });
foldSettingsOnNarrowScreens();

const firstData = new Promise((resolve) => {
  const stop = bridge.on('data-ready', () => {
    stop();
    resolve(undefined);
  });
});
startOfflineSupport({ when: firstData, busy: () => session.runInProgress() });

bridge.start();
renderer.now();
