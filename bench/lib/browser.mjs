// Debian's Chromium, headless, driven by playwright-core, with a fresh empty profile per launch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium floods the closed network with refused
// connections (../shared/ENVIRONMENT.md).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Resolves to {context, page, close()}; console messages of the page go to `log`. */
export async function launchBrowser({ log = () => {} } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'nn-bench-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (message) => log(`[page ${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => log(`[page error] ${error.message}`));
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
