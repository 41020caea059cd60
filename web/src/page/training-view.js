// The training side of the page made to agree with its state: the status strip, Start, Pause and
// Reset, the settings form (locked during a run), the figures beside the charts (validation and
// test accuracy, training and validation loss) and the two charts with their loss-scale toggle.
import { State } from '../shared/protocol.js';
import { TrainingCharts } from './charts.js';
import { setText } from './dom.js';
import { loss as formatLoss, percent } from './format.js';
import { statusMessage } from './status-message.js';
import { StatusView } from './status-view.js';

const $ = (id) => document.getElementById(id);

export class TrainingView {
  /**
   * @param {object} parts
   * @param {import('./page-state.js').PageState} parts.page
   * @param {import('./controls.js').SettingsForm} parts.form
   * @param {import('./tutorial.js').Tutorial} parts.tutorial  the form stays locked while it runs
   * @param {import('./run-history.js').RunHistory} parts.history  the run shown
   * @param {import('./speed-control.js').SpeedControl} parts.speed  caps the speed shown
   * @param {{onStart: () => void, onPause: () => void, onReset: () => void}} parts.actions
   */
  constructor({ page, form, tutorial, history, speed, actions }) {
    this.page = page;
    this.form = form;
    this.tutorial = tutorial;
    this.history = history;
    this.speed = speed;
    this.status = new StatusView(document.querySelector('[data-testid="status"]'), {
      onRetry: actions.onReset,
    });
    this.charts = new TrainingCharts({
      lossElement: $('loss-chart'),
      lossLegend: $('loss-legend'),
      accuracyElement: $('accuracy-chart'),
      accuracyLegend: $('accuracy-legend'),
      history,
    });
    this.buttons = { start: $('train-start'), pause: $('train-pause'), reset: $('train-reset') };
    this.buttons.start.addEventListener('click', actions.onStart);
    this.buttons.pause.addEventListener('click', actions.onPause);
    this.buttons.reset.addEventListener('click', actions.onReset);
    $('loss-scale').addEventListener('click', (event) => {
      const log = event.currentTarget.getAttribute('aria-pressed') !== 'true';
      event.currentTarget.setAttribute('aria-pressed', String(log));
      this.charts.setLogLoss(log);
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
    const { page, history, buttons, figures } = this;
    this.status.render({
      state: page.state,
      message: statusMessage(page, history),
      download: page.download,
      progress: page.runActive ? this.speed.cappedProgress(page.progress) : null,
      retry: page.state === State.ERROR ? (page.needsRestart() ? 'Retry' : 'Reset') : '',
    });

    buttons.start.disabled = !page.canStart();
    const inRun = page.runInProgress();
    buttons.pause.disabled = !inRun;
    buttons.pause.textContent = page.state === State.PAUSED ? 'Resume' : 'Pause';
    buttons.reset.disabled = !page.canReset();
    this.form.setEnabled(!inRun && !page.starting && !this.tutorial.running);
    this.settingsLocked.hidden = !inRun;

    const last = history.lastEpoch;
    setText(figures.valAccuracy, last && last.valAccuracy != null ? percent(last.valAccuracy) : '–');
    const test = history.latestTestAccuracy;
    setText(figures.testAccuracy, test != null ? percent(test) : '–');
    setText(figures.trainLoss, history.smoothed != null ? formatLoss(history.smoothed) : '–');
    setText(figures.valLoss, last && last.valLoss != null ? formatLoss(last.valLoss) : '–');
    if (!page.runActive) {
      // Before a run, the x axis shows the run the form describes.
      const planned = this.form.read()?.epochs;
      if (planned > 0 && planned <= 1000 && planned !== history.epochs) {
        history.plan(planned);
        this.charts.invalidate();
      }
    }
    this.lossEmpty.hidden = history.hasPoints;
    this.accuracyEmpty.hidden = history.epochX.length > 0;
  }
}
