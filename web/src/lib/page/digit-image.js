// The one way the page draws a 28 x 28 grey image (what the network saw, a misread test image):
// white ink on black, as MNIST is.

const SIDE = 28;
export const DIGIT_PIXELS = SIDE * SIDE;

/**
 * Draws 28 x 28 bytes (0 paper .. 255 ink) onto a 28 x 28 canvas; null draws it blank.
 * @param {HTMLCanvasElement} canvas
 * @param {ArrayLike<number> | null} pixels
 */
export function drawDigitImage(canvas, pixels) {
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = context.createImageData(SIDE, SIDE);
  const rgba = image.data;
  for (let i = 0; i < DIGIT_PIXELS; i += 1) {
    const v = pixels && i < pixels.length ? pixels[i] : 0;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
