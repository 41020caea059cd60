// Small DOM helpers the page's views share.

/** Sets an element's text only when it differs (no needless layout or screen-reader churn). */
export function setText(/** @type {Element} */ element, /** @type {string} */ text) {
  if (element.textContent !== text) element.textContent = text;
}
