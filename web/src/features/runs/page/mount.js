// The runs feature on the page: every run of the session on overlaid charts, with its table, and
// "Reproduce the tutorial". The session's runs and the tutorial's progress are created by
// main.js, since the training feature records into them.
import { ComparisonCharts } from './comparison-charts.js';
import { RunsView } from './runs-view.js';
import { TutorialSequence } from './tutorial-sequence.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {object} app
 * @param {import('../../../lib/page/session.js').Session} app.session
 * @param {import('../../../lib/page/renderer.js').Renderer} app.renderer
 * @param {import('./session-runs.js').SessionRuns} app.runs
 * @param {import('./tutorial.js').Tutorial} app.tutorial
 * @param {import('../../training/page/run-control.js').RunControl} app.control
 * @param {import('../../training/page/speed-control.js').SpeedControl} app.speed
 * @param {() => boolean} app.dataLoading
 */
export function mountRuns({ session, renderer, runs, tutorial, control, speed, dataLoading }) {
  const sequence = new TutorialSequence({ session, control, tutorial, speed, dataLoading, renderer });
  const view = new RunsView({
    root: $('runs-panel'),
    runs,
    tutorial,
    charts: new ComparisonCharts({
      accuracyElement: $('runs-accuracy-chart'),
      lossElement: $('runs-loss-chart'),
      runs,
    }),
    actions: {
      onRemove: (id) => {
        runs.remove(id);
        renderer.now();
      },
      onClear: () => {
        runs.clear();
        renderer.now();
      },
      onTutorial: () => sequence.begin(),
      onStopTutorial: () => sequence.stop(),
    },
  });
  renderer.add(() => {
    const tutorialReason = sequence.blocker();
    view.render({ canRunTutorial: !tutorialReason, tutorialReason });
  });
}
