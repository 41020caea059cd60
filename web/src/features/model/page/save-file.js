// Saves bytes as a file the browser downloads: a temporary Blob URL behind an <a download>.

/** How long the Blob URL lives (the browser has started the download by then). */
const REVOKE_AFTER_MS = 10000;

export function saveBytes(/** @type {ArrayBuffer} */ bytes, /** @type {string} */ fileName) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
