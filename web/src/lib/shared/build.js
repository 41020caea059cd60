// This build's version: scripts/build-site.mjs writes it in ('dev' in the sources). The page
// sends it to the worker it starts, so a page and a worker from two builds (an open tab whose
// files a new service worker replaced) are told apart instead of misunderstanding each other.
export const BUILD_VERSION = '__BUILD_VERSION__';
