// The training side of the page made to agree with its state: the status strip, Start, Pause and
// Reset, the settings form (locked during a run), the figures beside the charts (validation and
// test accuracy, training and validation loss) and the two charts with their loss-scale toggle.
import { setText } from '../../../lib/page/dom.js';
import { loss as formatLoss, percent } from '../../../lib/shared/format.js';
import { State } from '../../../protocol.js';
import { statusMessage } from './status-message.js';
import { StatusView } from './status-view.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export class TrainingView {
  /**
   * @param {object} parts
   * @param {import('../../../lib/page/session.js').Session} parts.session
   * @param {import('./run-control.js').RunControl} parts.control
   * @param {import('./settings-form.js').SettingsForm} parts.form
   * @param {import('../../runs/page/tutorial.js').Tutorial} parts.tutorial  the form stays locked while it runs
   * @param {import('./run-history.js').RunHistory} parts.history  the run shown
   * @param {import('./training-charts.js').TrainingCharts} parts.charts
   * @param {import('./speed-control.js').SpeedControl} parts.speed  caps the speed shown
   */
  constructor(parts) {
    this.parts = parts;
    const { control, charts } = parts;
    this.status = new StatusView(
      /** @type {HTMLElement} */ (document.querySelector('[data-testid="status"]')),
      {
        onRetry: () => control.reset(),
      },
    );
    this.buttons = { start: $('train-start'), pause: $('train-pause'), reset: $('train-reset') };
    this.buttons.start.addEventListener('click', () => control.start());
    this.buttons.pause.addEventListener('click', () => control.togglePause());
    this.buttons.reset.addEventListener('click', () => control.reset());
    $('loss-scale').addEventListener('click', (/** @type {MouseEvent} */ event) => {
      const button = /** @type {HTMLElement} */ (event.currentTarget);
      const log = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(log));
      charts.setLogLoss(log);
    });
    this.settingsLocked = $('settings-locked');
    this.figures = {
      valAccuracy: $('val-accuracy'),
      testAccuracy: $('test-accuracy'),
      trainLoss: $('train-loss'),
      valLoss: $('val-loss'),
    };
    this.lossEmpty = $('loss-empty');
    this.accuracyEmpty = $('accuracy-empty');
  }

  render() {
    const { session, control, form, tutorial, history, charts, speed } = this.parts;
    const { buttons, figures } = this;
    this.status.render({
      state: session.state,
      message: statusMessage({
        state: session.state,
        error: session.error,
        needsRestart: session.needsRestart(),
        notice: control.notice,
        starting: control.starting,
        runName: control.runName,
        download: session.download,
        data: session.data,
        finalTestAccuracy: history.finalTestAccuracy,
      }),
      download: session.download,
      progress: control.runActive ? speed.cappedProgress(control.progress) : null,
      retry: session.state === State.ERROR ? (session.needsRestart() ? 'Retry' : 'Reset') : '',
    });

    buttons.start.disabled = !control.canStart();
    const inRun = session.runInProgress();
    buttons.pause.disabled = !inRun;
    setText(buttons.pause, session.state === State.PAUSED ? 'Resume' : 'Pause');
    buttons.reset.disabled = !control.canReset();
    form.setEnabled(!inRun && !control.starting && !tutorial.running);
    this.settingsLocked.hidden = !inRun;

    const last = history.lastEpoch;
    setText(figures.valAccuracy, last && last.valAccuracy != null ? percent(last.valAccuracy) : '–');
    const test = history.latestTestAccuracy;
    setText(figures.testAccuracy, test != null ? percent(test) : '–');
    setText(figures.trainLoss, history.smoothed != null ? formatLoss(history.smoothed) : '–');
    setText(figures.valLoss, last && last.valLoss != null ? formatLoss(last.valLoss) : '–');
    if (!control.runActive) {
      // Before a run, the x axis shows the run the form describes.
      const planned = form.read()?.epochs;
      if (typeof planned === 'number' && planned > 0 && planned <= 1000 && planned !== history.epochs) {
        history.plan(planned);
        charts.invalidate();
      }
    }
    this.lossEmpty.hidden = history.hasPoints;
    this.accuracyEmpty.hidden = history.epochX.length > 0;
  }
}
