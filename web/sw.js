// The service worker: after the first visit the site opens, trains and reads drawings offline.
// scripts/build-site.mjs writes the build's version and its file list (each file's integrity hash)
// into the two constants below.
//
// - A new version installs beside the old one and waits: the page offers to reload into it
//   (src/lib/page/service-worker.js) and tells it when to take over ('skip-waiting'); it never
//   takes over an open tab by itself.
// - The precache fetches each file past the HTTP cache (a ?v= query of its hash, no-cache) and
//   checks its bytes against the build's hash, so a stale copy on the way cannot end up cached.
// - The data (MNIST, the pretrained model) lives in a cache of its own, keyed by content: a new
//   version whose data did not change downloads none of it.
// - Every cache name carries the deployment's path, so two copies of the site at two paths of one
//   origin keep their own.
const VERSION = '__BUILD_VERSION__';
/** @typedef {{url: string, integrity: string, kind: 'static' | 'data'}} Entry */
/** @type {Entry[]} */
const MANIFEST = [/* __MANIFEST__ */];

const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const SCOPE = new URL(worker.registration.scope);
const PREFIX = `mnist-nn:${SCOPE.pathname}:`;
const STATIC_CACHE = `${PREFIX}static-${VERSION}`;
const DATA_CACHE = `${PREFIX}data`;
const LEGACY_CACHE = /^mnist-nn-[0-9a-f]{16}$/;

/** A manifest entry by its absolute URL; the page itself also as the scope's URL. */
const ENTRIES = new Map(MANIFEST.map((entry) => [new URL(entry.url, SCOPE).href, entry]));
const PAGE = new URL('index.html', SCOPE).href;

/** Where a data file is kept: its URL with its content's hash, so other content is another key. */
function dataKey(/** @type {Entry} */ entry) {
  const url = new URL(entry.url, SCOPE);
  url.searchParams.set('sha256', entry.integrity.slice('sha256-'.length));
  return url.href;
}

/** Fetches a file past every cache on the way and checks it is this build's.
 *  @param {Entry} entry  @param {{bust: boolean}} options  bust: a ?v= of its hash in the URL */
async function fetchChecked(entry, { bust }) {
  const url = new URL(entry.url, SCOPE);
  if (bust) url.searchParams.set('v', entry.integrity.slice(7, 23));
  // A host may rewrite HTML on the way (analytics, live reload): the page is checked by its hash
  // in the URL only.
  const integrity = entry.url.endsWith('.html') ? undefined : entry.integrity;
  const response = await fetch(new Request(url, { cache: 'no-cache', integrity }));
  if (!response.ok) throw new Error(`${entry.url}: ${response.status} ${response.statusText}`);
  return response;
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const statics = await caches.open(STATIC_CACHE);
      const data = await caches.open(DATA_CACHE);
      for (const entry of MANIFEST) {
        if (entry.kind === 'data') {
          const key = dataKey(entry);
          // The data changes seldom: revalidated, not re-downloaded (its own hash is the key).
          if (!(await data.match(key))) await data.put(key, await fetchChecked(entry, { bust: false }));
        } else {
          await statics.put(new URL(entry.url, SCOPE), await fetchChecked(entry, { bust: true }));
        }
      }
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const ours = name.startsWith(PREFIX) && name !== STATIC_CACHE && name !== DATA_CACHE;
        // Before caches were named by path, every build's was `mnist-nn-<version>`: gone too.
        if (ours || LEGACY_CACHE.test(name)) await caches.delete(name);
      }
      const wanted = new Set(MANIFEST.filter((entry) => entry.kind === 'data').map(dataKey));
      const data = await caches.open(DATA_CACHE);
      for (const request of await data.keys()) if (!wanted.has(request.url)) await data.delete(request);
      // Activation happens when no tab has the old version open, or when the user accepted the
      // new one (and the tabs reload): taking control then mixes no versions.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') worker.skipWaiting();
});

// This build's files from its caches; anything else (nothing, on a strict page) from the network.
worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  url.search = '';
  const entry =
    request.mode === 'navigate' && url.href === SCOPE.href ? ENTRIES.get(PAGE) : ENTRIES.get(url.href);
  if (!entry && request.mode !== 'navigate') return;
  event.respondWith(
    (async () => {
      const cached = !entry
        ? undefined
        : entry.kind === 'data'
          ? await caches.match(dataKey(entry), { cacheName: DATA_CACHE })
          : await caches.match(new URL(entry.url, SCOPE).href, { cacheName: STATIC_CACHE });
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (error) {
        // Offline, a page of the site that is not cached (a typo in the URL): the site's page.
        const page = request.mode === 'navigate' && (await caches.match(PAGE, { cacheName: STATIC_CACHE }));
        if (page) return page;
        throw error;
      }
    })(),
  );
});
