// Keyboard shortcuts: Space starts or pauses the run, C clears the pad. A bare key acts only when
// focus is not in a control that uses it (a text field types a C, a button or a select takes
// Space); Alt+C clears from anywhere (WCAG 2.1.4: no single-key shortcut where a key types).

const TEXT_ENTRY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const TAKES_SPACE = `${TEXT_ENTRY}, button, summary, a[href], [role="button"], [role="checkbox"], [role="switch"]`;

/** @param {{onToggleRun: () => void, onClear: () => void}} actions */
export function installShortcuts({ onToggleRun, onClear }) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.repeat) return;
    const target = event.target instanceof Element ? event.target : null;
    if (event.code === 'KeyC' && event.altKey && !event.shiftKey) {
      event.preventDefault(); // Alt+C types "ç" on some layouts
      onClear();
    } else if (event.altKey) {
      // Other Alt combinations are the browser's.
    } else if (event.key === ' ' || event.code === 'Space') {
      if (target && target.closest(TAKES_SPACE)) return;
      event.preventDefault(); // no page scroll
      onToggleRun();
    } else if ((event.key === 'c' || event.key === 'C') && !event.shiftKey) {
      if (target && target.closest(TEXT_ENTRY)) return;
      onClear();
    }
  });
}
