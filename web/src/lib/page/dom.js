// Small DOM helpers the page's views share.

/** Sets an element's text only when it differs (no needless layout or screen-reader churn). */
export function setText(/** @type {Element} */ element, /** @type {string} */ text) {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * setText for a list written with commas (a CNN's layers): a line-break opportunity (<wbr>) after
 * each comma, so it wraps between items, never inside one, and copies as the plain list.
 */
export function setListText(/** @type {Element} */ element, /** @type {string} */ text) {
  if (element.textContent === text) return;
  const parts = text.split(',');
  element.replaceChildren(
    ...parts.flatMap((part, i) => (i === 0 ? [part] : [',', document.createElement('wbr'), part])),
  );
}
