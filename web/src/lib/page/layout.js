// The layout's one decision JavaScript makes: on a narrow screen the full settings form starts
// folded (the preset, the epochs and Start stay in view), on a wide one it starts open. The user
// may open or fold it either way afterwards.

const NARROW = '(max-width: 720px)';

export function foldSettingsOnNarrowScreens() {
  const details = /** @type {HTMLDetailsElement | null} */ (document.getElementById('settings-more'));
  if (details) details.open = !window.matchMedia(NARROW).matches;
}
