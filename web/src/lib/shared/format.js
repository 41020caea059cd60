// Small formatters for the numbers the page shows. Pure functions, no DOM.

/** 0.97853 -> "97.85%"; null/undefined/NaN -> "–". */
export function percent(/** @type {number | null | undefined} */ fraction, digits = 2) {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345.6 -> "12,346"; non-finite -> "–". */
export function integer(/** @type {number | null | undefined} */ value) {
  if (value == null || !Number.isFinite(value)) return '–';
  return integerFormat.format(value);
}

/** A loss value with 4 significant digits: 0.0123456 -> "0.01235". */
export function loss(/** @type {number | null | undefined} */ value) {
  if (value == null || !Number.isFinite(value)) return '–';
  return Number(value.toPrecision(4)).toString();
}

/** Seconds -> "0 s", "4.2 s", "0:17", "1:23", "1:02:03"; null or non-finite -> "–". Short
 *  times keep a decimal: a whole run can take a few seconds. */
export function duration(/** @type {number | null | undefined} */ seconds) {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds === 0) return '0 s';
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Bytes -> "3.4 MB". */
export function megabytes(/** @type {number | null | undefined} */ bytes) {
  if (bytes == null || !Number.isFinite(bytes)) return '–';
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A message as a sentence: "could not x" -> "Could not x."; a file name at the start keeps its
 *  case ("train-labels.gz is corrupt" stays as it is). */
export function sentence(/** @type {string | null | undefined} */ text) {
  const trimmed = String(text || 'Something went wrong').trim();
  const capital = /^[a-z]+[\s:,]/.test(trimmed) ? trimmed[0].toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** "pretrained" -> "Pretrained"; '' stays ''. */
export function capitalise(/** @type {string} */ text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
