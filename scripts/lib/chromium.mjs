// Debian's Chromium driven by playwright-core (never a downloaded browser), headless, with the
// flags every launch here shares: the browser tests, the benchmark and the README's screenshot.

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags Chromium floods the closed network with refused
// connections (../shared/ENVIRONMENT.md).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options of playwright's chromium.launch (or launchPersistentContext) for the browser at `path`. */
export function chromiumLaunchOptions(path) {
  return { executablePath: path, args: [...CHROMIUM_ARGS], headless: true };
}
