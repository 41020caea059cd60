// The service worker, from the page's side (squoosh's sw-bridge is the model): registered once the
// data has loaded (its first caching would compete with the download), never on the development
// server unless asked. A new version installs in the background and waits; the page says "a new
// version is available" and reloads into it only when the user says so, so a tab never ends up
// with an old page and a new worker. A reload another tab asked for is offered here too.
import { setText } from './dom.js';
import { serviceWorkerMode } from './deployment.js';

/** How often an open tab asks whether the site has a new version (ms). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * @param {object} options
 * @param {Promise<unknown>} options.when  register once this settles (the data is in)
 * @param {() => boolean} options.busy     a run is in progress (the prompt says a reload ends it)
 */
export async function startOfflineSupport({ when, busy }) {
  if (!('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  if (serviceWorkerMode() === 'off') {
    // Served for development: no caching, and none left over from an earlier opt-in.
    const registration = await container.getRegistration('./').catch(() => undefined);
    await registration?.unregister();
    return;
  }
  await when;
  const hadController = Boolean(container.controller);
  let accepted = false;
  let registration;
  try {
    registration = await container.register(new URL('../../../sw.js', import.meta.url), { scope: './' });
  } catch (error) {
    console.warn(`offline support unavailable: ${error instanceof Error ? error.message : error}`);
    return;
  }
  const banner = new UpdateBanner(busy);
  container.addEventListener('controllerchange', () => {
    // The first install taking control changes nothing on the page.
    if (!hadController) return;
    if (accepted) window.location.reload();
    else
      banner.show('This page was updated in another tab: reload to use the new version.', () =>
        window.location.reload(),
      );
  });
  /** A new version waits: offer it. */
  const offer = (/** @type {ServiceWorker} */ waiting) => {
    if (!container.controller) return; // a first install, not an update
    banner.show('A new version of this page is available.', () => {
      accepted = true;
      waiting.postMessage({ type: 'skip-waiting' });
    });
  };
  const track = (/** @type {ServiceWorker | null} */ installing) => {
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  };
  if (registration.waiting) offer(registration.waiting);
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  setInterval(() => registration.update().catch(() => {}), UPDATE_CHECK_MS);
}

/** The "new version" prompt (data-testid="update-available"), with Reload and Later. */
class UpdateBanner {
  /** @param {() => boolean} busy */
  constructor(busy) {
    this.busy = busy;
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
    this.root = $('update-banner');
    this.text = $('update-text');
    this.note = $('update-note');
    this.reload = /** @type {HTMLButtonElement} */ ($('update-reload'));
    $('update-later').addEventListener('click', () => (this.root.hidden = true));
    /** @type {() => void} */
    this.action = () => {};
    this.reload.addEventListener('click', () => {
      this.reload.disabled = true;
      this.action();
    });
  }

  /** @param {string} text  @param {() => void} action  what Reload does */
  show(text, action) {
    this.action = action;
    setText(this.text, text);
    setText(this.note, this.busy() ? 'Reloading ends the run in progress.' : '');
    this.reload.disabled = false;
    this.root.hidden = false;
  }
}
