// Colours for what the page draws itself (canvases, charts), read from the stylesheet's custom
// properties so that it owns the palette and its dark variant; read again when the scheme changes.

/** "#2166ac" -> [33, 102, 172]; anything else -> fallback. */
/** @param {string} text  @param {number[]} fallback  @returns {number[]} */
function parseHex(text, fallback) {
  const match = /^#([0-9a-f]{6})$/i.exec(String(text).trim());
  if (!match) return fallback;
  const n = parseInt(match[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** @typedef {Record<string, [string, number[]]>} ColourProperties  name -> [custom property, fallback] */

/** The scale of signed values (weights, tanh activations): blue below zero, red above.
 *  @type {Readonly<ColourProperties>} */
export const SIGNED_COLOURS = Object.freeze({
  negative: ['--weights-neg', [33, 102, 172]],
  zero: ['--weights-zero', [247, 247, 247]],
  positive: ['--weights-pos', [178, 24, 43]],
});

/**
 * Colours as [r, g, b] by name, each from a custom property as `element` sees it.
 * @param {Element} element
 * @param {ColourProperties} properties  name -> [custom property, fallback]
 * @returns {Record<string, number[]>}
 */
export function readColours(element, properties) {
  const css = getComputedStyle(element);
  /** @type {Record<string, number[]>} */
  const colours = {};
  for (const [name, [property, fallback]] of Object.entries(properties)) {
    colours[name] = parseHex(css.getPropertyValue(property), fallback);
  }
  return colours;
}

/** Calls `callback` whenever the page switches between its light and dark palettes. */
export function onColourSchemeChange(/** @type {() => void} */ callback) {
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', callback);
}
