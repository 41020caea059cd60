// Stamps a built site with its version: a hash of every file's bytes, written into the service
// worker (with each file's integrity hash, for a precache that no stale HTTP cache can poison) and
// into src/lib/shared/build.js (so a page and a worker from two builds can tell). Used by
// scripts/build-site.mjs, and by the service-worker e2e test to make a "version 2" of a site.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BUILD_FILE = 'src/lib/shared/build.js';
const SERVICE_WORKER = 'sw.js';
const PLACEHOLDERS = { version: "'__BUILD_VERSION__'", manifest: '[/* __MANIFEST__ */]' };
/** Files that stay cached across versions, by content (11 MB of MNIST must not download twice). */
const DATA_FOLDERS = ['data/', 'models/'];

/** Every file below `dir`, as '/'-separated paths relative to it. */
export function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

function replaceOnce(text, placeholder, value, file) {
  if (!text.includes(placeholder)) throw new Error(`${file} lost its placeholder ${placeholder}`);
  return text.replace(placeholder, () => value);
}

/**
 * Stamps `siteDir` in place (its sw.js and build.js must still hold their placeholders);
 * returns the version.
 */
export function stampSite(siteDir) {
  const files = listFiles(siteDir)
    .filter((file) => file !== SERVICE_WORKER && file !== BUILD_FILE)
    .sort();
  const digests = new Map(files.map((file) => [file, sha256(fs.readFileSync(path.join(siteDir, file)))]));
  const swPath = path.join(siteDir, SERVICE_WORKER);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(digests.get(file));
  // The service worker's own code counts too (before its stamp: the stamp is the version).
  if (fs.existsSync(swPath)) hash.update(SERVICE_WORKER).update(fs.readFileSync(swPath));
  const version = hash.digest('hex').slice(0, 16);

  const buildPath = path.join(siteDir, BUILD_FILE);
  const build = replaceOnce(
    fs.readFileSync(buildPath, 'utf8'),
    PLACEHOLDERS.version,
    JSON.stringify(version),
    BUILD_FILE,
  );
  fs.writeFileSync(buildPath, build);
  digests.set(BUILD_FILE, sha256(Buffer.from(build)));

  const manifest = [...digests.keys()].sort().map((file) => ({
    url: file,
    integrity: `sha256-${digests.get(file).toString('base64')}`,
    kind: DATA_FOLDERS.some((folder) => file.startsWith(folder)) ? 'data' : 'static',
  }));
  let sw = fs.readFileSync(swPath, 'utf8');
  sw = replaceOnce(sw, PLACEHOLDERS.version, JSON.stringify(version), SERVICE_WORKER);
  sw = replaceOnce(sw, PLACEHOLDERS.manifest, JSON.stringify(manifest), SERVICE_WORKER);
  fs.writeFileSync(swPath, sw);
  return version;
}
