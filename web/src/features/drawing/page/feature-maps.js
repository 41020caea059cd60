// How a layer's feature maps are laid out and shaded: pure functions, no DOM (the view draws).

/** Canvas pixels a map should span, whatever its size: a 4 x 4 map is drawn in 6 x 6 blocks, as
 *  big as a 24 x 24 map, so that the layers line up. */
export const MAP_PX = 24;
/** Maps a row: the cnn's 16 channels go in two rows of 8. */
export const MAX_MAP_COLUMNS = 8;

/** Canvas pixels per value of a map `side` values high (at least 1). */
export function mapBlock(/** @type {number} */ side) {
  return Math.max(1, Math.floor(MAP_PX / Math.max(1, side)));
}

/**
 * The range a layer's maps are shaded over: one scale for all its channels, so that a weak
 * channel looks weak beside a strong one. Signed when any value is negative (tanh), else 0..max.
 * Non-finite values are ignored.
 * @param {Float32Array} values
 * @returns {{signed: boolean, scale: number, active: number}}  scale > 0; active: values > 0
 */
export function mapScale(values) {
  let min = 0;
  let max = 0;
  let active = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0) active += 1;
  }
  const signed = min < 0;
  const scale = signed ? Math.max(max, -min) : max;
  return { signed, scale: scale > 0 ? scale : 1, active };
}

/**
 * What a row of maps says in words, e.g. "conv 5×5 ×6: 6 maps of 24 × 24".
 * @param {{name: string, channels: number, height: number, width: number}} maps
 */
export function mapsSummary({ name, channels, height, width }) {
  return `${name}: ${channels} map${channels === 1 ? '' : 's'} of ${height} × ${width}`;
}
