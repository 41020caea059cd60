// The panels about the model and the data: the model panel, the dataset panel, the class names,
// the test set's evaluation (insights) and the first layer's weights. The model the pad uses is
// evaluated on the test set whenever it or the data changes, once the worker is free to answer.
import { ToWorker } from '../shared/protocol.js';
import { ClassNames, DIGIT_NAMES, FASHION_NAMES } from './class-names.js';
import { DatasetPanel } from './dataset-panel.js';
import { setText } from './dom.js';
import { capitalise } from './format.js';
import { Insights } from './insights.js';
import { ModelPanel } from './model-panel.js';
import { describeModel } from './model-view.js';
import { WeightsView } from './weights-view.js';

const $ = (id) => document.getElementById(id);

export class ModelDataPanels {
  /**
   * @param {object} parts
   * @param {import('./page-state.js').PageState} parts.page
   * @param {import('./worker-client.js').WorkerClient} parts.client
   * @param {import('./run-history.js').RunHistory} parts.history  the run shown
   * @param {import('./drawing-reader.js').DrawingReader} parts.drawing  shows the class names too
   */
  constructor({ page, client, history, drawing }) {
    this.page = page;
    this.client = client;
    this.history = history;
    this.drawing = drawing;
    this.evaluationTimer = 0;
    this.modelLine = $('model-line');
    this.modelPanel = new ModelPanel({
      root: $('model-panel'),
      client,
      getClassNames: () => this.classNames.names,
      onUsePretrained: () => this.requestEvaluation(),
    });
    this.insights = new Insights($('insights'));
    this.weights = new WeightsView({
      section: $('weights-panel'),
      canvas: $('weights'),
      summary: $('weights-summary'),
      onWatch: (enabled) => client.post({ type: ToWorker.WATCH_WEIGHTS, enabled }),
    });
    this.dataset = new DatasetPanel({
      root: $('dataset-panel'),
      client,
      onLoaded: (dataset) => this.datasetChanged(dataset),
    });
    this.classNames = new ClassNames($('class-names-fields'), {
      onChange: (names) => this.namesChanged(names),
    });
    $('class-names-fashion').addEventListener('click', () => this.classNames.set(FASHION_NAMES));
    $('class-names-digits').addEventListener('click', () => this.classNames.set(DIGIT_NAMES));
    this.namesChanged(this.classNames.names);
  }

  /** A new worker: requests to the old one will not be answered, and its model needs evaluating. */
  workerStarted() {
    this.modelPanel.forgetRequests();
    this.dataset.forgetRequests();
    this.page.evaluationRequest = 0;
    this.page.evaluationWanted = true;
  }

  /** The new worker's module is up: it streams the weights if the tiles are on screen. */
  workerReady() {
    if (this.weights.watching) this.client.post({ type: ToWorker.WATCH_WEIGHTS, enabled: true });
  }

  // ---- the evaluation --------------------------------------------------------------------------

  /** Asks for the test-set evaluation of the current model, now or once the worker is idle. */
  requestEvaluation() {
    this.page.evaluationWanted = true;
    this.sendWantedEvaluation();
  }

  sendWantedEvaluation() {
    const page = this.page;
    if (!page.evaluationWanted || !page.data || !page.idle() || page.starting || !this.client.running) return;
    if (!page.model || page.model.source === 'none') return;
    page.evaluationWanted = false;
    page.evaluationRequest = this.client.request({ type: ToWorker.EVALUATE });
  }

  /** Shows an evaluation in a task of its own (building the matrix and the gallery takes a few
   *  milliseconds that should not add to the message's). */
  showEvaluation(evaluation, source) {
    clearTimeout(this.evaluationTimer);
    this.evaluationTimer = setTimeout(() => this.insights.show(evaluation, source), 0);
  }

  modelSource() {
    const model = this.page.model;
    if (!model || model.source === 'none') return '';
    return capitalise(model.name || model.source);
  }

  // ---- the worker's messages -------------------------------------------------------------------

  /** DATA_PROGRESS: MNIST is downloading. */
  receiveDataProgress(message) {
    this.page.download = { loaded: message.loaded, total: message.total };
    this.dataset.progress(message);
  }

  /** DATA_READY: the data the next run trains on, and the test set the model is evaluated on. */
  receiveData(message) {
    const page = this.page;
    const changed = page.data !== null && page.data.name !== message.name;
    page.data = {
      name: message.name || 'MNIST',
      train: message.train,
      validation: message.validation,
      test: message.test,
      classes: message.classes ?? 10,
    };
    page.download = null;
    this.dataset.dataReady(page.data);
    if (changed) this.showEvaluation(null, '');
    this.requestEvaluation();
  }

  /** MODEL: the model the pad uses changed. */
  receiveModel(message) {
    const page = this.page;
    page.model = message.model;
    this.modelPanel.setModel(page.model);
    // Names stored in a model file take over (once per model, so the user can still edit them);
    // when that model goes, the data's names come back.
    const names = page.model && Array.isArray(page.model.classNames) ? page.model.classNames : null;
    const key = names ? JSON.stringify(names) : '';
    if (names && key !== page.modelNames) this.classNames.set(names);
    else if (!names && page.modelNames) this.classNames.set(page.dataNames);
    page.modelNames = key;
    if (!page.model || page.model.source === 'none') this.weights.clear();
  }

  /** EVALUATION: the answer to EVALUATE. */
  receiveEvaluation(message) {
    const page = this.page;
    // An answer about a model that a run has since replaced is of no use.
    if (page.runInProgress() || page.starting) return;
    if (message.requestId === page.evaluationRequest) page.evaluationRequest = 0;
    this.showEvaluation(message, this.modelSource());
  }

  /** WEIGHTS: the first layer's weights, for the tiles. */
  receiveWeights(message) {
    this.weights.apply({ ...message, totalUnits: this.page.model?.sizes?.[1] });
  }

  /** MODEL_FILE: the bytes of a download the model panel asked for. */
  receiveModelFile(message) {
    this.modelPanel.receiveFile(message);
  }

  /** A non-fatal ERROR answering a request; false when no panel (nor the evaluation) made it. */
  receiveRequestError(message) {
    const { requestId } = message;
    if (this.modelPanel.owns(requestId)) this.modelPanel.receiveError(message);
    else if (this.dataset.owns(requestId)) this.dataset.receiveError(message);
    else if (requestId === this.page.evaluationRequest) this.page.evaluationRequest = 0;
    else return false;
    return true;
  }

  /** A non-fatal ERROR about no request: it may be the failure of MNIST's download. */
  receiveLoadError(message) {
    this.dataset.failPending(message.message);
  }

  // ---- the data and the class names ------------------------------------------------------------

  /** The user's data (or MNIST again) replaced the old data. */
  datasetChanged({ name, fashion }) {
    const page = this.page;
    page.dataNames = name !== 'MNIST' && fashion ? FASHION_NAMES : DIGIT_NAMES;
    this.classNames.set(page.dataNames);
    // Other data: show its class names, to check or edit them.
    $('class-names').open = name !== 'MNIST';
    page.modelNames = '';
  }

  /** The class names changed (typed, filled, or from a model file). */
  namesChanged(names) {
    this.drawing.setNames(names, this.page.data?.classes ?? 10);
    this.insights.setNames(names);
  }

  render() {
    const { page, history } = this;
    setText(
      this.modelLine,
      describeModel({
        state: page.state,
        model: page.model,
        progress: page.runActive ? page.progress : null,
        lastEpoch: history.lastEpoch,
        finalTestAccuracy: history.finalTestAccuracy,
        running: this.client.running,
      }),
    );
    const modelBusy = page.busyReason('change the model');
    this.modelPanel.render({ canChange: !modelBusy, reason: modelBusy });
    const dataBusy = page.busyReason('load other data');
    this.dataset.render({ canLoad: !dataBusy, reason: dataBusy });
    this.insights.setStale(page.runInProgress() || page.starting);
  }
}
