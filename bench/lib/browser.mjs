// Debian's Chromium, headless, driven by playwright-core, with a fresh empty profile per launch.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, DEBIAN_CHROMIUM } from '../../scripts/lib/chromium.mjs';

export const CHROMIUM = process.env.BENCH_CHROMIUM || DEBIAN_CHROMIUM;

/** Resolves to {context, page, profile, close()}; console messages of the page go to `log`. */
export async function launchBrowser({ log = () => {} } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'nn-bench-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions(CHROMIUM));
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
    profile,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Resident memory (bytes) of this profile's renderer processes, from /proc: {pid: {rss, peak}}. */
export function rendererMemory(profile) {
  const out = {};
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // Chromium rewrites its argv into one space-separated string.
      const args = ` ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')} `;
      if (!args.includes(' --type=renderer ') || !args.includes(` --user-data-dir=${profile} `)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key) =>
        Number((status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')) || [])[1] || 0) * 1024;
      out[pid] = { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}
