// Keyboard shortcuts: Space starts or pauses the run, C clears the pad, unless focus is in a
// control that uses those keys itself (a text field types them, a button or select takes Space).

const TEXT_ENTRY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const TAKES_SPACE = `${TEXT_ENTRY}, button, summary, a[href], [role="button"], [role="checkbox"], [role="switch"]`;

/** @param {{onToggleRun: () => void, onClear: () => void}} actions */
export function installShortcuts({ onToggleRun, onClear }) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (event.key === ' ' || event.code === 'Space') {
      if (target && target.closest(TAKES_SPACE)) return;
      event.preventDefault(); // no page scroll
      if (!event.repeat) onToggleRun();
    } else if (event.key === 'c' || event.key === 'C') {
      if (target && target.closest(TEXT_ENTRY)) return;
      if (!event.repeat) onClear();
    }
  });
}
