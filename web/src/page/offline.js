// Registers the service worker that makes the site work offline after the first visit.
// Failure is not an error for the page: it just will not work offline.
export function registerOfflineSupport() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(new URL('../../sw.js', import.meta.url), { scope: './' })
    .catch((error) => console.warn(`offline support unavailable: ${error.message}`));
}
