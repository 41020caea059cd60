// The service worker: caches this build's files (the page, the wasm module, the MNIST data and
// the pretrained model) on the first visit, so later visits open, train and classify offline.
// scripts/build-site.mjs writes the build's version and file list into the two constants below.
const VERSION = '__BUILD_VERSION__';
const ASSETS = [/* __ASSETS__ */];
const CACHE = `mnist-nn-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('mnist-nn-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// Cache first for this build's files; everything else (nothing, on a strict page) goes to the
// network. A page navigation offline falls back to the cached page.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') {
          const page = await cache.match('./');
          if (page) return page;
        }
        throw error;
      }
    })(),
  );
});
