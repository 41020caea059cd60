// Reads what a uPlot chart drew: the pixels of one series' colour (a CSS custom property of the
// page's palette) on the chart's canvas, and where they sit.

/**
 * @param {import('playwright-core').Page} page
 * @param {string} testId   'loss-chart' or 'accuracy-chart'
 * @param {string} colourVar  e.g. '--chart-train'
 * @returns {Promise<{pixels: number, width: number, height: number, leftY: number|null,
 *   rightY: number|null, minX: number|null, maxX: number|null}>}  leftY/rightY: the mean row
 *   (0 = top) of the series' pixels in the leftmost and rightmost tenth of its extent
 */
export async function seriesPixels(page, testId, colourVar) {
  return page.evaluate(
    ({ testId, colourVar }) => {
      const chart = document.querySelector(`[data-testid="${testId}"]`);
      const canvas = chart && chart.querySelector('canvas');
      if (!canvas)
        return {
          pixels: 0,
          width: 0,
          height: 0,
          leftY: null,
          rightY: null,
          minX: null,
          maxX: null,
          missing: true,
        };
      const probe = document.createElement('span');
      probe.style.color = getComputedStyle(document.documentElement).getPropertyValue(colourVar).trim();
      document.body.append(probe);
      const [r, g, b] = getComputedStyle(probe)
        .color.match(/\d+(\.\d+)?/g)
        .map(Number);
      probe.remove();
      const { width, height } = canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
      const hits = [];
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const i = (y * width + x) * 4;
          if (
            data[i + 3] > 200 &&
            Math.abs(data[i] - r) <= 12 &&
            Math.abs(data[i + 1] - g) <= 12 &&
            Math.abs(data[i + 2] - b) <= 12
          ) {
            hits.push([x, y]);
          }
        }
      }
      if (hits.length === 0)
        return { pixels: 0, width, height, leftY: null, rightY: null, minX: null, maxX: null };
      let minX = Infinity;
      let maxX = -Infinity;
      for (const [x] of hits) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
      const band = Math.max(1, (maxX - minX) / 10);
      const mean = (list) => (list.length ? list.reduce((a, [, y]) => a + y, 0) / list.length : null);
      return {
        pixels: hits.length,
        width,
        height,
        minX,
        maxX,
        leftY: mean(hits.filter(([x]) => x <= minX + band)),
        rightY: mean(hits.filter(([x]) => x >= maxX - band)),
      };
    },
    { testId, colourVar },
  );
}
