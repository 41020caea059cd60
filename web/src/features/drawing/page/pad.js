// The drawing pad: mouse, touch and pen through Pointer Events, smooth round strokes (quadratic
// curves through the midpoints of successive points), drawn on a transparent canvas so the ink of
// a pixel is its alpha. Strokes are kept (in units of the pad's size) so the pad can be redrawn
// sharp after a resize or a colour-scheme change.
import { onColourSchemeChange } from '../../../lib/page/colours.js';

/** Stroke width as a fraction of the pad's side: ~22 px on a 280 px pad, which becomes the 2-3 px
 *  strokes of MNIST once the digit (about 200 px tall) is scaled into its 20 px box. */
const STROKE_WIDTH = 0.08;
/** Moves shorter than this (in CSS pixels) add no point. */
const MIN_STEP = 0.75;

/** @typedef {{x: number, y: number}} Point */

export class DrawingPad {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{onStrokeEnd: () => void, onChange: (empty: boolean) => void}} callbacks
   */
  constructor(canvas, { onStrokeEnd, onChange }) {
    this.canvas = canvas;
    this.onStrokeEnd = onStrokeEnd;
    this.onChange = onChange;
    this.context = /** @type {CanvasRenderingContext2D} */ (
      canvas.getContext('2d', { willReadFrequently: true })
    );
    /** @type {Point[][]} points in pad units (0..1) */
    this.strokes = [];
    /** @type {Point[] | null} the stroke being drawn */
    this.current = null;
    /** @type {number | null} */
    this.pointerId = null;
    this.cssSize = 0;
    /** @type {Uint8Array | null} the last readInk() bytes, until the drawing or the size changes */
    this.inkCache = null;
    this.ink = '#000';
    this.readInkColour();
    this.fit();

    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', (e) => this.up(e));
    canvas.addEventListener('lostpointercapture', (e) => this.up(e));
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    new ResizeObserver(() => this.fit()).observe(canvas);
    onColourSchemeChange(() => {
      this.readInkColour();
      this.redraw();
    });
  }

  get empty() {
    return this.strokes.length === 0;
  }

  get drawing() {
    return this.current !== null;
  }

  readInkColour() {
    this.ink = getComputedStyle(this.canvas).getPropertyValue('--ink').trim() || '#111';
  }

  /** Matches the backing store to the CSS size times devicePixelRatio, and redraws. */
  fit() {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const side = Math.max(1, Math.round(rect.width));
    const pixels = Math.max(1, Math.round(side * dpr));
    if (pixels === this.canvas.width && side === this.cssSize) return;
    this.cssSize = side;
    this.inkCache = null;
    this.canvas.width = pixels;
    this.canvas.height = pixels;
    this.redraw();
  }

  /** Draws in pad units: the transform maps 0..1 to the whole backing store. */
  prepare() {
    const ctx = this.context;
    ctx.setTransform(this.canvas.width, 0, 0, this.canvas.height, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = STROKE_WIDTH;
    ctx.strokeStyle = this.ink;
    ctx.fillStyle = this.ink;
    return ctx;
  }

  redraw() {
    const ctx = this.context;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.prepare();
    for (const stroke of this.strokes) drawStroke(ctx, stroke);
  }

  /** @param {PointerEvent} event  @returns {Point} */
  pointFrom(event) {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: (event.clientX - rect.left) / Math.max(1, rect.width),
      y: (event.clientY - rect.top) / Math.max(1, rect.height),
    };
  }

  down(/** @type {PointerEvent} */ event) {
    if (this.pointerId !== null) return; // one stroke at a time (a palm beside the pen)
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    this.pointerId = event.pointerId;
    try {
      this.canvas.setPointerCapture(event.pointerId);
    } catch {
      // The pointer is already gone; the stroke still ends on pointerup/cancel.
    }
    const wasEmpty = this.empty;
    this.inkCache = null;
    const point = this.pointFrom(event);
    this.current = [point];
    this.strokes.push(this.current);
    const ctx = this.prepare();
    ctx.beginPath();
    ctx.arc(point.x, point.y, STROKE_WIDTH / 2, 0, Math.PI * 2);
    ctx.fill();
    if (wasEmpty) this.onChange(false);
  }

  move(/** @type {PointerEvent} */ event) {
    if (event.pointerId !== this.pointerId || !this.current) return;
    event.preventDefault();
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    const ctx = this.prepare();
    for (const e of events.length ? events : [event]) this.extend(ctx, this.pointFrom(e));
  }

  extend(/** @type {CanvasRenderingContext2D} */ ctx, /** @type {Point} */ point) {
    const points = this.current;
    if (!points) return;
    const last = points[points.length - 1];
    const step = Math.hypot(point.x - last.x, point.y - last.y) * this.cssSize;
    if (step < MIN_STEP) return;
    points.push(point);
    drawSegment(ctx, points, points.length - 1);
  }

  up(/** @type {PointerEvent} */ event) {
    if (event.pointerId !== this.pointerId) return;
    this.pointerId = null;
    const points = this.current;
    this.current = null;
    if (!points) return;
    if (points.length > 1) {
      const ctx = this.prepare();
      drawTail(ctx, points);
    }
    this.onStrokeEnd();
  }

  /** Clears the pad; a stroke in progress is dropped. */
  clear() {
    const wasEmpty = this.empty;
    if (this.pointerId !== null) {
      try {
        this.canvas.releasePointerCapture(this.pointerId);
      } catch {
        // Already released.
      }
    }
    this.pointerId = null;
    this.current = null;
    this.strokes = [];
    this.inkCache = null;
    this.redraw();
    if (!wasEmpty) this.onChange(true);
  }

  /** One ink byte per backing pixel (the alpha channel): {ink, width, height}. The buffer is
   *  the caller's (to transfer); the pixels are read once per drawing, not per call. */
  readInk() {
    const { width, height } = this.canvas;
    if (!this.inkCache || this.inkCache.length !== width * height) {
      const rgba = this.context.getImageData(0, 0, width, height).data;
      const ink = new Uint8Array(width * height);
      for (let i = 0, j = 3; i < ink.length; i += 1, j += 4) ink[i] = rgba[j];
      this.inkCache = ink;
    }
    return { ink: this.inkCache.slice().buffer, width, height };
  }
}

/** @param {Point} a  @param {Point} b  @returns {Point} */
function midpoint(a, b) {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** Draws the piece of a stroke that point i adds: from the previous midpoint, curving through
 *  point i-1, to the midpoint of i-1 and i (the first piece is a line from the start). */
function drawSegment(
  /** @type {CanvasRenderingContext2D} */ ctx,
  /** @type {Point[]} */ points,
  /** @type {number} */ i,
) {
  const m = midpoint(points[i - 1], points[i]);
  ctx.beginPath();
  if (i === 1) {
    ctx.moveTo(points[0].x, points[0].y);
    ctx.lineTo(m.x, m.y);
  } else {
    const from = midpoint(points[i - 2], points[i - 1]);
    ctx.moveTo(from.x, from.y);
    ctx.quadraticCurveTo(points[i - 1].x, points[i - 1].y, m.x, m.y);
  }
  ctx.stroke();
}

/** The last half-segment: from the last midpoint to the last point. */
function drawTail(/** @type {CanvasRenderingContext2D} */ ctx, /** @type {Point[]} */ points) {
  const n = points.length;
  const from = midpoint(points[n - 2], points[n - 1]);
  ctx.beginPath();
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(points[n - 1].x, points[n - 1].y);
  ctx.stroke();
}

function drawStroke(/** @type {CanvasRenderingContext2D} */ ctx, /** @type {Point[]} */ points) {
  ctx.beginPath();
  ctx.arc(points[0].x, points[0].y, STROKE_WIDTH / 2, 0, Math.PI * 2);
  ctx.fill();
  if (points.length < 2) return;
  ctx.beginPath();
  ctx.moveTo(points[0].x, points[0].y);
  for (let i = 1; i < points.length; i += 1) {
    const m = midpoint(points[i - 1], points[i]);
    if (i === 1) ctx.lineTo(m.x, m.y);
    else ctx.quadraticCurveTo(points[i - 1].x, points[i - 1].y, m.x, m.y);
  }
  const last = points[points.length - 1];
  ctx.lineTo(last.x, last.y);
  ctx.stroke();
}
