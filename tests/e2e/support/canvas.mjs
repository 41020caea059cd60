// Whether a canvas was redrawn with other pixels: its pixels hashed (FNV-1a), now or on every
// animation frame while a run trains.

/** A hash of a canvas's pixels, to tell whether it was redrawn differently (null: not drawn). */
export const canvasHash = (locator) =>
  locator.evaluate((canvas) => {
    if (canvas.hidden || !canvas.width) return null;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 1) hash = Math.imul(hash ^ data[i], 16777619);
    return `${canvas.width}x${canvas.height}:${hash >>> 0}`;
  });

/**
 * Hashes the canvas of `testid` every frame while the status says training, until it has shown
 * `images` different pictures (counting `first`) or the run ends; returns how many it showed.
 */
export function imagesWhileTraining(page, testid, first, images = 3) {
  return page.evaluate(
    ([id, start, wanted]) =>
      new Promise((resolve) => {
        const canvas = document.querySelector(`[data-testid="${id}"]`);
        const hashes = new Set([start]);
        const look = () => {
          const training = document.querySelector('[data-testid="status"]').dataset.state === 'training';
          if (!canvas.hidden && canvas.width) {
            const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            let hash = 2166136261;
            for (let i = 0; i < data.length; i += 1) hash = Math.imul(hash ^ data[i], 16777619);
            hashes.add(`${canvas.width}x${canvas.height}:${hash >>> 0}`);
          }
          if (hashes.size >= wanted || !training) resolve(hashes.size);
          else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }),
    [testid, first, images],
  );
}
