// Where this copy of the site lives, and what that decides: storage names scoped to its path (two
// copies at two paths of one origin must not share, or wipe, each other's kept model and caches),
// and whether it is served for development (scripts/serve.mjs marks the page it serves; a static
// host never does).

/** The folder the page is served from, e.g. "/" or "/demos/mnist/". */
export function deploymentPath() {
  return new URL('./', document.baseURI).pathname;
}

/** The IndexedDB name of this deployment: "mnist-nn:/demos/mnist/". */
export function deploymentStorageName() {
  return `mnist-nn:${deploymentPath()}`;
}

/**
 * How the service worker should be treated: 'on' (a deployment), 'off' (the development server,
 * which also removes one left from an earlier opt-in), as the server's
 * <meta name="nn-service-worker"> says.
 */
export function serviceWorkerMode() {
  const meta = document.querySelector('meta[name="nn-service-worker"]');
  return meta && meta.getAttribute('content') === 'off' ? 'off' : 'on';
}
