// The run comparison (data-testid="runs"): the overlaid charts, a table of the session's runs
// (which is also the charts' legend) with a button to remove each, "Clear runs", and the
// "Reproduce the tutorial" sequence with its table beside the tutorial's own figures.
import { colourSlot } from './comparison-charts.js';
import { setText } from '../../../lib/page/dom.js';
import { duration, percent } from '../../../lib/shared/format.js';
import { TUTORIAL_EPOCHS, TUTORIAL_STEPS } from './tutorial.js';

export class RunsView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.root
   * @param {import('./session-runs.js').SessionRuns} options.runs
   * @param {import('./tutorial.js').Tutorial} options.tutorial
   * @param {import('./comparison-charts.js').ComparisonCharts} options.charts
   * @param {{onRemove: (id: number) => void, onClear: () => void, onTutorial: () => void,
   *          onStopTutorial: () => void}} options.actions
   */
  constructor({ root, runs, tutorial, charts, actions }) {
    this.runs = runs;
    this.tutorial = tutorial;
    this.charts = charts;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.empty = $('runs-empty');
    this.body = $('runs-body');
    this.tableBody = $('runs-table-body');
    this.clearButton = $('runs-clear');
    this.tutorialButton = $('tutorial-start');
    this.stopButton = $('tutorial-stop');
    this.tutorialNote = $('tutorial-note');
    this.tutorialBox = $('tutorial');
    this.tutorialBody = $('tutorial-table-body');
    this.tutorialStatus = $('tutorial-status');
    this.lossKind = $('runs-loss-kind');
    this.lossNote = $('runs-loss-note');
    this.renderedRuns = -1;
    this.renderedTutorial = -1;

    this.clearButton.addEventListener('click', () => actions.onClear());
    this.tutorialButton.addEventListener('click', () => actions.onTutorial());
    this.stopButton.addEventListener('click', () => actions.onStopTutorial());
    this.lossKind.addEventListener('change', () => charts.setLossKind(this.lossKind.value));
    this.tableBody.addEventListener('click', (/** @type {MouseEvent} */ event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-run]') : null;
      if (!(button instanceof HTMLElement)) return;
      actions.onRemove(Number(button.dataset.run));
    });
  }

  /**
   * @param {{canRunTutorial: boolean, tutorialReason: string}} view  whether the tutorial can
   *   start now, and why not
   */
  render({ canRunTutorial, tutorialReason }) {
    const tutorialRunning = this.tutorial.running;
    this.tutorialButton.hidden = tutorialRunning;
    this.tutorialButton.disabled = !canRunTutorial;
    this.stopButton.hidden = !tutorialRunning;
    setText(this.tutorialNote, !tutorialRunning && !canRunTutorial ? tutorialReason : '');
    this.clearButton.disabled = this.runs.finished.length === 0;

    if (this.renderedRuns !== this.runs.version) {
      this.renderedRuns = this.runs.version;
      this.renderRuns();
      this.charts.invalidate();
    }
    if (this.renderedTutorial !== this.tutorial.version) {
      this.renderedTutorial = this.tutorial.version;
      this.renderTutorial();
    }
  }

  renderRuns() {
    const runs = this.runs.runs;
    this.empty.hidden = runs.length > 0;
    this.body.hidden = runs.length === 0;
    this.lossNote.hidden = new Set(runs.map((run) => run.config.loss)).size < 2;
    const rows = runs.map((run) => {
      const row = document.createElement('tr');
      row.className = `run-row is-${run.status}`;
      const name = document.createElement('th');
      name.scope = 'row';
      name.className = 'run-name';
      const swatch = document.createElement('span');
      swatch.className = `run-swatch run-colour-${colourSlot(run.id)}`;
      swatch.setAttribute('aria-hidden', 'true');
      const label = document.createElement('span');
      label.textContent = `${run.id}. ${run.label}`;
      name.title = run.description;
      const inner = document.createElement('span');
      inner.className = 'run-name-inner';
      inner.append(swatch, label);
      name.append(inner);

      const last = run.epochs[run.epochs.length - 1];
      const epochs = cell(`${run.epochs.length} / ${run.config.epochs}`, 'num optional');
      const validation = cell(last && last.valAccuracy != null ? percent(last.valAccuracy) : '–', 'num');
      const test = cell(testText(run), 'num');
      const time = cell(run.seconds != null ? duration(run.seconds) : '–', 'num optional');
      const actions = document.createElement('td');
      if (run.status !== 'running') {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'icon-button';
        remove.dataset.run = String(run.id);
        remove.setAttribute('aria-label', `Remove run ${run.id} (${run.label})`);
        remove.title = 'Remove this run';
        remove.textContent = '×';
        actions.append(remove);
      }
      row.append(name, epochs, validation, test, time, actions);
      return row;
    });
    this.tableBody.replaceChildren(...rows);
  }

  renderTutorial() {
    const { status, results } = this.tutorial;
    this.tutorialBox.hidden = status === 'idle';
    const rows = TUTORIAL_STEPS.map((step) => {
      const result = results.get(step.key);
      const row = document.createElement('tr');
      const title = document.createElement('th');
      title.scope = 'row';
      const titleText = document.createElement('span');
      titleText.textContent = step.title;
      const preset = document.createElement('code');
      preset.textContent = step.preset;
      title.append(titleText, ' ', preset);
      const figure = document.createElement('td');
      figure.className = 'num';
      const figureValue = document.createElement('span');
      figureValue.className = 'tutorial-figure';
      figureValue.textContent = step.figure || '–';
      const figureNote = document.createElement('span');
      figureNote.className = 'tutorial-figure-note';
      figureNote.textContent = step.figureNote;
      figure.append(figureValue, figureNote);
      let ours = '';
      if (!result) ours = status === 'running' ? 'waiting' : '–';
      else if (result.status === 'running') ours = 'training…';
      else if (result.status === 'done') ours = percent(result.testAccuracy);
      else ours = result.status;
      const here = cell(ours, `num tutorial-ours${result && result.status === 'done' ? ' is-done' : ''}`);
      const time = cell(result && result.seconds != null ? duration(result.seconds) : '', 'num optional');
      row.append(title, figure, here, time);
      return row;
    });
    this.tutorialBody.replaceChildren(...rows);
    const done = [...results.values()].filter((r) => r.status === 'done').length;
    const statusText = {
      idle: '',
      running: `Training ${done + 1} of ${TUTORIAL_STEPS.length}, ${TUTORIAL_EPOCHS} epochs each…`,
      stopped: `Stopped after ${done} of ${TUTORIAL_STEPS.length}.`,
      done: `All ${TUTORIAL_STEPS.length} done, ${TUTORIAL_EPOCHS} epochs each: their curves are in the charts above.`,
    }[status];
    setText(this.tutorialStatus, statusText ?? '');
  }
}

function testText(/** @type {import('./session-runs.js').RunRecord} */ run) {
  switch (run.status) {
    case 'running':
      return 'training…';
    case 'done':
      return percent(run.testAccuracy);
    case 'diverged':
      return 'diverged';
    default:
      return 'stopped';
  }
}

function cell(/** @type {string} */ text, /** @type {string} */ className) {
  const td = document.createElement('td');
  td.className = className;
  td.textContent = text;
  return td;
}
